using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using System.Text;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Import;

/// <summary>A cell that could not be read: where, what was there and why.</summary>
public sealed record CellError(string Column, string RawValue, RejectionReason Reason, string? Detail = null)
{
    public string Describe(bool chinese) =>
        chinese
            ? $"{Column}：{(RawValue.Length == 0 ? "" : $"“{RawValue}” ")}{ImportMessages.Describe(Reason, true, Detail)}"
            : $"{Column}: {(RawValue.Length == 0 ? "" : $"'{RawValue}' ")}{ImportMessages.Describe(Reason, false, Detail)}";
}

/// <summary>
/// Turns the rows of one table into entities of its kind: matches the headers (Chinese or English, trimmed), reads
/// every cell by its field type, converts local times to UTC and computes the content hash that tells a re-import
/// whether the record changed. One mapper serves one table on one thread.
/// </summary>
public sealed class RecordMapper
{
    private readonly RecordSchema _schema;
    private readonly TimeZoneInfo _timeZone;
    private readonly (int Column, ImportField Field, Action<ServiceRecord, object?> Set, int? MaxLength, byte Index)[] _columns;
    private readonly Dictionary<long, TimeSpan> _offsets = [];
    private readonly HashInput _hash = new();
    private readonly Func<ServiceRecord> _create;

    public RecordMapper(RecordSchema schema, IReadOnlyList<string> headers, TimeZoneInfo timeZone,
        IReadOnlyDictionary<string, int?>? maxLengths = null)
    {
        _schema = schema;
        _timeZone = timeZone;
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
                unknown.Add(headers[i]);
            }
            else if (seen.Add(field))
            {
                columns.Add((i, field, Setter(schema.EntityType, field.Property), maxLengths?.GetValueOrDefault(field.Property),
                    (byte)IndexOf(schema, field)));
            }
        }

        // Schema order, not file order: the same values in a file with reordered columns hash the same.
        _columns = [.. columns.OrderBy(c => c.Index)];
        UnknownColumns = unknown;
        MissingColumns = [.. schema.Fields.Where(f => f.Required && !seen.Contains(f))];
        _create = Expression.Lambda<Func<ServiceRecord>>(Expression.New(schema.EntityType)).Compile();
    }

    public RecordSchema Schema => _schema;

    /// <summary>Headers that belong to no field of the kind: reported, not fatal.</summary>
    public IReadOnlyList<string> UnknownColumns { get; }

    /// <summary>Key or required columns the table lacks: the table cannot be imported.</summary>
    public IReadOnlyList<ImportField> MissingColumns { get; }

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
        var record = _create();
        var hash = _hash;
        hash.Reset();
        foreach (var (column, field, set, maxLength, index) in _columns)
        {
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

            if (!TryRead(field, cell, maxLength, out var value, out var error))
            {
                errors.Add(new CellError(header, CellParser.Raw(cell), error.Reason, error.Detail));
                continue;
            }

            set(record, value);
            AppendToHash(hash, value);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        record.ContentHash = hash.Hash();
        return record;
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
                    error = (RejectionReason.TooLong, $"{text.Length} > {max}");
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
