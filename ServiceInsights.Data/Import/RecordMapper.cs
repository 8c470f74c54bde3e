using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using System.Text;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Import;

/// <summary>A cell that could not be read: where, what was there (at most <see cref="ImportLimits.EchoLength"/> characters) and why.</summary>
public sealed record CellError(string Column, string RawValue, RejectionReason Reason, string? Detail = null)
{
    /// <summary>The error with the value cut to its first <see cref="ImportLimits.EchoLength"/> characters, as every place shows it.</summary>
    public static CellError Of(string column, string rawValue, RejectionReason reason, string? detail = null) =>
        new(column, ImportLimits.Echo(rawValue), reason, detail);

    public string Describe(bool chinese) =>
        chinese
            ? $"{Column}：{(RawValue.Length == 0 ? "" : $"“{RawValue}” ")}{ImportMessages.Describe(Reason, true, Detail)}"
            : $"{Column}: {(RawValue.Length == 0 ? "" : $"'{RawValue}' ")}{ImportMessages.Describe(Reason, false, Detail)}";
}

/// <summary>
/// Turns the rows of one table into entities of its kind: matches the headers (Chinese or English, trimmed), reads
/// every cell by its field type, converts local times to UTC and computes the content hash that tells a re-import
/// whether the record changed. A value over its column's limit (<see cref="ImportLimits"/>), a CSV line whose field count
/// differs from the header's, times in impossible order and any failure to read a cell reject the row, never the file.
/// One mapper serves one table on one thread.
/// </summary>
public sealed class RecordMapper
{
    private readonly RecordSchema _schema;
    private readonly TimeZoneInfo _timeZone;
    private readonly (int Column, ImportField Field, Action<ServiceRecord, object?> Set, int? MaxLength, byte Index)[] _columns;
    private readonly Dictionary<long, TimeSpan> _offsets = [];
    private readonly HashInput _hash = new();
    private readonly Func<ServiceRecord> _create;
    private readonly int _headerCount;
    private readonly int _longest;
    private readonly (int Later, int Earlier)[] _order;
    private readonly Func<ServiceRecord, object?>[] _keyGetters;
    private readonly DateTime?[] _instants;
    private readonly object?[] _keyParts;

    public RecordMapper(RecordSchema schema, IReadOnlyList<string> headers, TimeZoneInfo timeZone,
        IReadOnlyDictionary<string, int?>? maxLengths = null, ImportLimits? limits = null)
    {
        _schema = schema;
        _timeZone = timeZone;
        _headerCount = headers.Count;
        limits ??= ImportLimits.Default;
        _longest = limits.LongTextLength;
        var columns = new List<(int Column, ImportField Field, Action<ServiceRecord, object?> Set, int? MaxLength, byte Index)>();
        var unknown = new List<string>();
        var seen = new HashSet<ImportField>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0)
            {
                continue;
            }

            var field = schema.FindByHeader(headers[i]);
            if (field is null)
            {
                unknown.Add(ImportLimits.Echo(headers[i]));
            }
            else if (seen.Add(field))
            {
                columns.Add((i, field, Setter(schema.EntityType, field.Property),
                    limits.MaxLength(field, maxLengths?.GetValueOrDefault(field.Property)), (byte)IndexOf(schema, field)));
            }
        }

        // Schema order, not file order: the same values in a file with reordered columns hash the same.
        _columns = [.. columns.OrderBy(c => c.Index)];
        int Position(string property) => Array.FindIndex(_columns, c => c.Field.Property == property);
        _order = [.. schema.TimeOrder.Select(o => (Later: Position(o.Later), Earlier: Position(o.Earlier))).Where(o => o.Later >= 0 && o.Earlier >= 0)];
        _keyGetters = [.. schema.KeyFields.Select(k => Getter(schema.EntityType, k.Property))];
        _instants = new DateTime?[_columns.Length];
        _keyParts = new object?[_keyGetters.Length];
        UnknownColumns = unknown;
        MissingColumns = [.. schema.Fields.Where(f => f.Required && !seen.Contains(f))];
        _create = Expression.Lambda<Func<ServiceRecord>>(Expression.New(schema.EntityType)).Compile();
    }

    public RecordSchema Schema => _schema;

    /// <summary>Headers that belong to no field of the kind: reported, not fatal.</summary>
    public IReadOnlyList<string> UnknownColumns { get; }

    /// <summary>Key or required columns the table lacks: the table cannot be imported.</summary>
    public IReadOnlyList<ImportField> MissingColumns { get; }

    /// <summary>The key of the row <see cref="Map"/> last read successfully, as text ("GD001", or the parts joined).</summary>
    public string LastKey { get; private set; } = "";

    /// <summary>Whether the row's result columns (<see cref="RecordSchema.ResultProperties"/>) are all empty: not filled in yet.</summary>
    public bool IsUnfilled(SourceRow row)
    {
        if (_schema.ResultProperties.Count == 0)
        {
            return false;
        }

        foreach (var (column, field, _, _, _) in _columns)
        {
            if (_schema.ResultProperties.Contains(field.Property) && column < row.Cells.Length && !CellParser.IsEmpty(row.Cells[column]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads one row; on failure returns null and fills <paramref name="errors"/> (every bad cell, not just the first).</summary>
    public ServiceRecord? Map(SourceRow row, List<CellError> errors, bool chineseHeaders)
    {
        errors.Clear();
        if (row.FieldCount >= 0 && row.FieldCount != _headerCount)
        {
            // The columns are shifted: every value would land in the wrong field.
            errors.Add(new CellError(chineseHeaders ? "整行" : "Row", "", RejectionReason.WrongColumnCount, $"{row.FieldCount} ≠ {_headerCount}"));
            return null;
        }

        var record = _create();
        var hash = _hash;
        hash.Reset();
        Array.Clear(_instants);
        for (var c = 0; c < _columns.Length; c++)
        {
            var (column, field, set, maxLength, index) = _columns[c];
            // The field's position goes into the hash, so a value moving to another column is a change.
            hash.Append(index);
            var cell = column < row.Cells.Length ? row.Cells[column] : null;
            var header = field.Header(chineseHeaders);
            if (CellParser.IsEmpty(cell))
            {
                if (field.Required)
                {
                    errors.Add(new CellError(header, "", field.IsKey ? RejectionReason.MissingKey : RejectionReason.MissingRequired));
                }

                hash.Append(0);
                continue;
            }

            if (!SafeTryRead(field, cell, maxLength, out var value, out var error))
            {
                errors.Add(CellError.Of(header, CellParser.Raw(cell), error.Reason, error.Detail));
                continue;
            }

            set(record, value);
            AppendToHash(hash, value);
            _instants[c] = value as DateTime?;
        }

        foreach (var (later, earlier) in _order)
        {
            if (_instants[later] < _instants[earlier])
            {
                errors.Add(CellError.Of(_columns[later].Field.Header(chineseHeaders), CellParser.Raw(row.Cells[_columns[later].Column]),
                    RejectionReason.TimeOrder, _columns[earlier].Field.Header(chineseHeaders)));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        record.ContentHash = hash.Hash();
        LastKey = KeyOf(record);
        return record;
    }

    private string KeyOf(ServiceRecord record)
    {
        if (_keyParts.Length == 1 && _keyGetters[0](record) is string key)
        {
            return key;
        }

        for (var k = 0; k < _keyParts.Length; k++)
        {
            var part = _keyGetters[k](record);
            _keyParts[k] = part is DateTime d ? d.Ticks.ToString(CultureInfo.InvariantCulture) : part;
        }

        return string.Join(" / ", _keyParts);
    }

    /// <summary>Any exception while reading one cell (a value no rule foresaw) rejects the row with the exception's message.</summary>
    private bool SafeTryRead(ImportField field, object? cell, int? maxLength, out object? value, out (RejectionReason Reason, string? Detail) error)
    {
        try
        {
            return TryRead(field, cell, maxLength, out value, out error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            value = null;
            error = (RejectionReason.Unreadable, ex.Message);
            return false;
        }
    }

    private bool TryRead(ImportField field, object? cell, int? maxLength, out object? value, out (RejectionReason Reason, string? Detail) error)
    {
        error = default;
        value = null;
        switch (field.Type)
        {
            case FieldType.Text:
                var text = CellParser.Raw(cell).Trim();
                if (maxLength is { } max && text.Length > max)
                {
                    // A reader keeps one character past the longest limit of any column: beyond that the length is unknown.
                    error = (RejectionReason.TooLong, text.Length > _longest ? $"{_longest}+ > {max}" : $"{text.Length} > {max}");
                    return false;
                }

                value = text;
                return true;
            case FieldType.DateTime when CellParser.TryDateTime(cell, out var local):
                value = ToUtc(local);
                return true;
            case FieldType.DateTime:
                error = (RejectionReason.InvalidDateTime, null);
                return false;
            case FieldType.Date when CellParser.TryDate(cell, out var date):
                value = date;
                return true;
            case FieldType.Date:
                error = (RejectionReason.InvalidDate, null);
                return false;
            case FieldType.YesNo when CellParser.TryYesNo(cell, out var yes):
                value = yes;
                return true;
            case FieldType.YesNo:
                error = (RejectionReason.InvalidYesNo, null);
                return false;
            case FieldType.Enum when CellParser.TryChoice(cell, field, out var choice):
                value = choice;
                return true;
            case FieldType.Enum:
                error = (RejectionReason.InvalidChoice, CellParser.DescribeChoices(field));
                return false;
            case FieldType.Satisfaction when CellParser.TrySatisfaction(cell, out var satisfaction):
                value = satisfaction;
                return true;
            case FieldType.Satisfaction:
                error = (RejectionReason.InvalidSatisfaction, null);
                return false;
            case FieldType.Score when CellParser.TryScore(cell, out var score):
                value = score;
                return true;
            case FieldType.Score:
                error = (RejectionReason.InvalidScore, null);
                return false;
            case FieldType.Decimal when CellParser.TryDecimal(cell, out var number):
                value = number;
                return true;
            case FieldType.Decimal:
                error = (RejectionReason.InvalidDecimal, null);
                return false;
            default:
                throw new InvalidOperationException($"Unknown field type {field.Type}.");
        }
    }

    private DateTime ToUtc(DateTime local)
    {
        // TimeZoneInfo.GetUtcOffset is slow on unspecified times; offsets change at most on the hour, so cache per hour.
        var hour = local.Ticks / TimeSpan.TicksPerHour;
        if (!_offsets.TryGetValue(hour, out var offset))
        {
            offset = _timeZone.GetUtcOffset(new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Unspecified));
            _offsets[hour] = offset;
        }

        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static void AppendToHash(HashInput hash, object? value)
    {
        switch (value)
        {
            case string s:
                hash.Append(MemoryMarshal.AsBytes(s.AsSpan()));
                break;
            case DateTime d:
                BinaryPrimitives.WriteInt64LittleEndian(hash.Take(8), d.Ticks);
                break;
            case DateOnly d:
                BinaryPrimitives.WriteInt32LittleEndian(hash.Take(4), d.DayNumber);
                break;
            case bool b:
                hash.Append(b ? (byte)2 : (byte)3);
                break;
            case int i:
                BinaryPrimitives.WriteInt32LittleEndian(hash.Take(4), i);
                break;
            case decimal m:
                hash.Append(Encoding.UTF8.GetBytes(m.ToString(CultureInfo.InvariantCulture)));
                break;
            case Enum e:
                BinaryPrimitives.WriteInt32LittleEndian(hash.Take(4), Convert.ToInt32(e, CultureInfo.InvariantCulture));
                break;
        }

        hash.Append(1);
    }

    /// <summary>
    /// A row's bytes for the content hash, gathered in one reused buffer and hashed once (XxHash64 of the same byte stream
    /// as appending field by field, so stored hashes stay valid): dozens of small appends per row to the incremental hasher
    /// were a visible share of the reading thread at 1M rows.
    /// </summary>
    private sealed class HashInput
    {
        private byte[] _bytes = new byte[1024];
        private int _length;

        public void Reset() => _length = 0;

        public void Append(byte value) => Take(1)[0] = value;

        public void Append(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

        /// <summary>The next <paramref name="count"/> bytes of the buffer, to be written by the caller.</summary>
        public Span<byte> Take(int count)
        {
            if (_length + count > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
            }

            var span = _bytes.AsSpan(_length, count);
            _length += count;
            return span;
        }

        /// <summary>The hash as the record stores it (the hasher's big-endian bytes read little-endian, as before).</summary>
        public long Hash()
        {
            Span<byte> digest = stackalloc byte[8];
            XxHash64.Hash(_bytes.AsSpan(0, _length), digest);
            return BinaryPrimitives.ReadInt64LittleEndian(digest);
        }
    }

    private static int IndexOf(RecordSchema schema, ImportField field)
    {
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            if (ReferenceEquals(schema.Fields[i], field))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The fields this table carries, in schema order: the writer updates only these.</summary>
    public IReadOnlyList<ImportField> MappedFields => [.. _columns.Select(c => c.Field)];

    private static Func<ServiceRecord, object?> Getter(Type entityType, string propertyName)
    {
        var property = entityType.GetProperty(propertyName) ?? throw new InvalidOperationException($"{entityType.Name}.{propertyName} does not exist.");
        var target = Expression.Parameter(typeof(ServiceRecord));
        var body = Expression.Convert(Expression.Property(Expression.Convert(target, entityType), property), typeof(object));
        return Expression.Lambda<Func<ServiceRecord, object?>>(body, target).Compile();
    }

    private static Action<ServiceRecord, object?> Setter(Type entityType, string propertyName)
    {
        var property = entityType.GetProperty(propertyName) ?? throw new InvalidOperationException($"{entityType.Name}.{propertyName} does not exist.");
        var target = Expression.Parameter(typeof(ServiceRecord));
        var value = Expression.Parameter(typeof(object));
        var body = Expression.Assign(Expression.Property(Expression.Convert(target, entityType), property),
            Expression.Convert(value, property.PropertyType));
        return Expression.Lambda<Action<ServiceRecord, object?>>(body, target, value).Compile();
    }
}
