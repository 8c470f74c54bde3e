using System.Data.Common;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Import;

/// <summary>Rows of one batch by what happened to them.</summary>
public readonly record struct WriteCounts(int New, int Updated, int Unchanged)
{
    public static WriteCounts operator +(WriteCounts a, WriteCounts b) => new(a.New + b.New, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}

/// <summary>A batch of records with the values its statements bind, prepared by <see cref="RecordWriter.Prepare"/>.</summary>
public sealed class PreparedBatch : IDisposable
{
    internal PreparedBatch(IReadOnlyList<ServiceRecord> records, RowValues values, bool filled)
    {
        Records = records;
        Values = values;
        Filled = filled;
    }

    public IReadOnlyList<ServiceRecord> Records { get; }

    /// <summary>The rows the records were read from, kept for a check that refuses rows at write time (callbacks).</summary>
    public IReadOnlyList<SourceRow>? Sources { get; internal set; }

    internal RowValues Values { get; }

    /// <summary>False while the values are still to be computed (<see cref="RecordWriter.Defer"/>).</summary>
    internal bool Filled { get; set; }

    public void Dispose() => Values.Dispose();
}

/// <summary>
/// Upserts records of one kind by key inside the caller's transaction, with prepared statements built from the EF
/// model (table and column names, provider type mappings and value converters), so the same code writes SQLite and
/// SQL Server. Per batch it looks up the stored content hashes of the batch's keys: a missing key is inserted, a
/// different hash updated (only the columns the file carries), an equal hash left alone. <see cref="Prepare"/> computes
/// the values to bind and may run on another thread than <see cref="Write"/> (the import's reading thread), so the
/// writing thread — the import's bottleneck — only binds and steps. A dry run (the preview) only reads: it classifies each
/// row by the stored hashes and writes nothing, so it never takes the database's write lock (issue 20, D5); with the keys
/// of a file unique (repeats are rejected before they get here) its counts are what the import would give.
/// </summary>
public sealed class RecordWriter : IDisposable
{
    public const int LookupSize = 1000;

    private readonly DbConnection _connection;
    private DbTransaction _transaction;
    private readonly Column[] _keys;
    private readonly Column[] _inserted;
    private readonly Column[] _updated;
    private readonly int[] _updatedValues;
    private readonly int[] _keyValues;
    private readonly DbCommand _lookup;
    private readonly RowStatement _insert;
    private readonly RowStatement _update;
    private readonly RowStatement? _journal;
    private readonly long _batchId;
    private readonly bool _startedEmpty;
    private readonly bool _dryRun;
    private readonly DbCommand? _ticketLookup;
    private readonly Dictionary<string, DateTime>? _fileTickets;
    private readonly List<(int Index, string TicketNo)> _refused = [];

    /// <param name="fileTickets">In a preview of a workbook: the tickets of the file's earlier sheets (a preview stores none),
    /// filled by the tickets' writer and read by the callbacks' writer.</param>
    /// <param name="journal">The table that keeps a stored row as it was before this import updates it (an import committed
    /// in slices, see <see cref="ImportTransaction.JournalOf"/>), or null.</param>
    public RecordWriter(ServiceInsightsDbContext db, DbTransaction transaction, RecordSchema schema, IReadOnlyList<ImportField> fields,
        long batchId, bool dryRun = false, Dictionary<string, DateTime>? fileTickets = null, Func<string, string?>? journal = null)
    {
        _dryRun = dryRun;
        _fileTickets = fileTickets;
        _connection = db.Database.GetDbConnection();
        _transaction = transaction;
        _batchId = batchId;

        var entity = db.Model.FindEntityType(schema.EntityType) ?? throw new InvalidOperationException($"{schema.EntityType.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = new Dictionary<string, Column>();
        Column Make(string property) => columns.TryGetValue(property, out var made)
            ? made
            : columns[property] = new Column(entity.FindProperty(property)!, table, sql, schema.EntityType);

        _keys = [.. schema.KeyFields.Select(f => Make(f.Property))];
        Column[] meta = [Make(nameof(ServiceRecord.ContentHash)), Make(nameof(ServiceRecord.ImportBatchId))];
        // A new row gets every column: those the file does not carry take the entity's default (null, or
        // 是否接通 = yes), so a NOT NULL column is never left out. Updates touch only the columns the file carries.
        // The prepared values are the inserted columns'; an update binds some of them (and the keys) by position.
        _inserted = [.. schema.Fields.Select(f => Make(f.Property)), .. meta];
        _updated = [.. fields.Where(f => !f.IsKey).Select(f => Make(f.Property)), .. meta];
        _updatedValues = [.. _updated.Select(c => Array.IndexOf(_inserted, c))];
        _keyValues = [.. _keys.Select(c => Array.IndexOf(_inserted, c))];
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);

        // The batch's keys travel as one JSON array parameter (json_each / OPENJSON), not hundreds of parameters.
        var keyList = db.Database.IsSqlServer() ? "SELECT [value] FROM OPENJSON(@keys)" : "SELECT value FROM json_each(@keys)";
        _lookup = Command($"SELECT {string.Join(", ", _keys.Select(k => k.Sql))}, {meta[0].Sql} FROM {tableName} WHERE {_keys[0].Sql} IN ({keyList})");
        using (var any = Command($"SELECT CASE WHEN EXISTS (SELECT 1 FROM {tableName}) THEN 1 ELSE 0 END"))
        {
            _startedEmpty = Convert.ToInt32(any.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
        }

        var keys = _lookup.CreateParameter();
        keys.ParameterName = "@keys";
        keys.DbType = System.Data.DbType.String;
        _lookup.Parameters.Add(keys);

        _insert = RowStatement.Create(_connection, _transaction,
            $"INSERT INTO {tableName} ({string.Join(", ", _inserted.Select(c => c.Sql))}) VALUES ({string.Join(", ", _inserted.Select((_, i) => "@p" + i))})",
            (command, i) => _inserted[i].Parameter(command, "@p" + i), _inserted.Length);
        Column[] updateParameters = [.. _updated, .. _keys];
        // A callback cannot come before its ticket was received (issue 20, D7). The ticket may be in the database or earlier in
        // the same file: this transaction has written it already, so the lookup runs here, on the writing connection.
        if (schema.Kind == RecordKind.Callbacks)
        {
            var tickets = db.Model.FindEntityType(typeof(Ticket))!;
            var ticketTable = StoreObjectIdentifier.Table(tickets.GetTableName()!, tickets.GetSchema());
            string Name(string property) => sql.DelimitIdentifier(tickets.FindProperty(property)!.GetColumnName(ticketTable)!);
            _ticketLookup = Command($"SELECT {Name(nameof(Ticket.TicketNo))}, {Name(nameof(Ticket.ReceivedAt))} FROM " +
                                    $"{sql.DelimitIdentifier(ticketTable.Name, ticketTable.Schema)} WHERE {Name(nameof(Ticket.TicketNo))} IN ({keyList})");
            var ticketKeys = _ticketLookup.CreateParameter();
            ticketKeys.ParameterName = "@keys";
            ticketKeys.DbType = System.Data.DbType.String;
            _ticketLookup.Parameters.Add(ticketKeys);
        }

        _update = RowStatement.Create(_connection, _transaction,
            $"UPDATE {tableName} SET {string.Join(", ", _updated.Select((c, i) => $"{c.Sql} = @p{i}"))} WHERE {string.Join(" AND ", _keys.Select((k, i) => $"{k.Sql} = @p{_updated.Length + i}"))}",
            (command, i) => updateParameters[i].Parameter(command, "@p" + i), updateParameters.Length);
        if (!dryRun && journal?.Invoke(table.Name) is { } journalTable)
        {
            _journal = RowStatement.Create(_connection, _transaction,
                $"INSERT INTO {journalTable} SELECT * FROM {tableName} WHERE {string.Join(" AND ", _keys.Select((k, i) => $"{k.Sql} = @p{i}"))}",
                (command, i) => _keys[i].Parameter(command, "@p" + i), _keys.Length);
        }
    }

    /// <summary>Moves the writer's statements to <paramref name="transaction"/>: an import committed in slices began another.</summary>
    public void Use(DbTransaction transaction)
    {
        _transaction = transaction;
        _lookup.Transaction = transaction;
        if (_ticketLookup is not null)
        {
            _ticketLookup.Transaction = transaction;
        }

        _insert.Use(transaction);
        _update.Use(transaction);
        _journal?.Use(transaction);
    }

    /// <summary>
    /// Computes the values of a batch's rows as the statements bind them. Thread-safe: it only reads the writer's
    /// column definitions, so the import runs it on its reading thread while this thread writes the previous batch.
    /// </summary>
    public PreparedBatch Prepare(IReadOnlyList<ServiceRecord> batch) => Prepare(batch, fill: true);

    /// <summary>
    /// Like <see cref="Prepare"/>, but leaves computing the values to <see cref="Write"/>: the import hands the writing
    /// thread a batch this way when that thread is waiting for work, so the two threads share the preparing.
    /// </summary>
    internal PreparedBatch Defer(IReadOnlyList<ServiceRecord> batch) => Prepare(batch, fill: false);

    private PreparedBatch Prepare(IReadOnlyList<ServiceRecord> batch, bool fill)
    {
        var values = RowValues.For(_connection, batch.Count * _inserted.Length);
        foreach (var record in batch)
        {
            record.ImportBatchId = _batchId;
        }

        if (fill && !_dryRun)
        {
            Fill(batch, values);
        }

        return new PreparedBatch(batch, values, fill && !_dryRun);
    }

    private void Fill(IReadOnlyList<ServiceRecord> batch, RowValues values)
    {
        foreach (var record in batch)
        {
            foreach (var column in _inserted)
            {
                values.Add(column.ProviderValue(record));
            }
        }
    }

    /// <summary>
    /// Writes one batch. The statements run synchronously: the import is a background job, and the async ADO.NET
    /// methods of SQLite only wrap the synchronous ones at a cost per row.
    /// </summary>
    public WriteCounts Write(PreparedBatch prepared, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = prepared.Records;
        var refused = RefuseBeforeTicket(batch);
        if (_dryRun)
        {
            return Classify(batch, refused);
        }

        if (!prepared.Filled)
        {
            Fill(batch, prepared.Values);
            prepared.Filled = true;
        }

        // Into a table that was empty when the import began, a key can only repeat within the file: insert first and
        // look the key up only when the unique index refuses the row. Otherwise look the whole batch up first.
        var stored = _startedEmpty ? new Dictionary<string, long>(StringComparer.Ordinal) : Lookup(batch);
        int inserted = 0, updated = 0, unchanged = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            if (refused?.Contains(row) == true)
            {
                continue;
            }

            var record = batch[row];
            var first = row * _inserted.Length;
            var key = KeyOf(record);
            if (_startedEmpty && !stored.ContainsKey(key))
            {
                if (TryInsert(prepared.Values, first))
                {
                    inserted++;
                    continue;
                }

                foreach (var (storedKey, storedHash) in Lookup([record]))
                {
                    stored[storedKey] = storedHash;
                }
            }

            if (stored.TryGetValue(key, out var hash))
            {
                if (hash == record.ContentHash)
                {
                    unchanged++;
                    continue;
                }

                for (var i = 0; i < _updatedValues.Length; i++)
                {
                    _update.Set(i, prepared.Values, first + _updatedValues[i]);
                }

                for (var i = 0; i < _keyValues.Length; i++)
                {
                    _update.Set(_updatedValues.Length + i, prepared.Values, first + _keyValues[i]);
                    _journal?.Set(i, prepared.Values, first + _keyValues[i]);
                }

                _journal?.Execute(); // the row as it was, kept in the same transaction as its update

                _update.Execute();
                updated++;
            }
            else
            {
                BindInsert(prepared.Values, first);
                _insert.Execute();
                inserted++;
            }

            stored[key] = record.ContentHash;
        }

        return new WriteCounts(inserted, updated, unchanged);
    }

    /// <summary>What <see cref="Write"/> would do with each row, from the stored hashes alone.</summary>
    private WriteCounts Classify(IReadOnlyList<ServiceRecord> batch, HashSet<int>? refused)
    {
        if (_startedEmpty && _fileTickets is null)
        {
            return new WriteCounts(batch.Count - (refused?.Count ?? 0), 0, 0);
        }

        var stored = Lookup(batch);
        int inserted = 0, updated = 0, unchanged = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            var record = batch[row];
            if (refused?.Contains(row) == true)
            {
                continue;
            }

            if (_fileTickets is not null && record is Ticket ticket)
            {
                _fileTickets[ticket.TicketNo] = ticket.ReceivedAt;
            }

            if (!stored.TryGetValue(KeyOf(record), out var hash))
            {
                inserted++;
            }
            else if (hash == record.ContentHash)
            {
                unchanged++;
            }
            else
            {
                updated++;
            }
        }

        return new WriteCounts(inserted, updated, unchanged);
    }

    /// <summary>The rows of the last batch written that were refused, and the ticket each comes before.</summary>
    public IReadOnlyList<(int Index, string TicketNo)> Refused => _refused;

    /// <summary>Callbacks dated before their ticket's 来电时间: their positions in the batch (null when none can be).</summary>
    private HashSet<int>? RefuseBeforeTicket(IReadOnlyList<ServiceRecord> batch)
    {
        _refused.Clear();
        if (_ticketLookup is null)
        {
            return null;
        }

        var numbers = batch.Select(r => ((Callback)r).TicketNo).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        var received = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        for (var start = 0; start < numbers.Count; start += LookupSize)
        {
            _ticketLookup.Parameters[0].Value = JsonSerializer.Serialize(numbers.GetRange(start, Math.Min(LookupSize, numbers.Count - start)));
            using var reader = _ticketLookup.ExecuteReader();
            while (reader.Read())
            {
                received[reader.GetString(0)] = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
            }
        }

        foreach (var no in numbers)
        {
            if (_fileTickets?.TryGetValue(no, out var inFile) == true)
            {
                received[no] = inFile; // the file's value is the one the import would store
            }
        }

        HashSet<int>? refused = null;
        for (var row = 0; row < batch.Count; row++)
        {
            var callback = (Callback)batch[row];
            if (callback.TicketNo is { } no && received.TryGetValue(no, out var at) && callback.At < at)
            {
                (refused ??= []).Add(row);
                _refused.Add((row, no));
            }
        }

        return refused;
    }

    private bool TryInsert(RowValues values, int first)
    {
        BindInsert(values, first);
        try
        {
            _insert.Execute();
            return true;
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            return false;
        }
    }

    private void BindInsert(RowValues values, int first)
    {
        for (var i = 0; i < _inserted.Length; i++)
        {
            _insert.Set(i, values, first + i);
        }
    }

    private static bool IsUniqueViolation(DbException ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        Microsoft.Data.SqlClient.SqlException sqlServer => sqlServer.Number is 2627 or 2601,
        _ => false,
    };

    private Dictionary<string, long> Lookup(IReadOnlyList<ServiceRecord> batch)
    {
        var stored = new Dictionary<string, long>(batch.Count, StringComparer.Ordinal);
        var firstKeys = batch.Select(r => (string)_keys[0].ProviderValue(r)).Distinct().ToList();
        for (var start = 0; start < firstKeys.Count; start += LookupSize)
        {
            _lookup.Parameters[0].Value = JsonSerializer.Serialize(firstKeys.GetRange(start, Math.Min(LookupSize, firstKeys.Count - start)));

            using var reader = _lookup.ExecuteReader();
            while (reader.Read())
            {
                var parts = new string[_keys.Length];
                for (var i = 0; i < _keys.Length; i++)
                {
                    parts[i] = _keys[i].KeyText(reader, i);
                }

                stored[string.Join('\u001F', parts)] = reader.GetInt64(_keys.Length);
            }
        }

        return stored;
    }

    private string KeyOf(ServiceRecord record) =>
        _keys.Length == 1 ? _keys[0].KeyText(record) : string.Join('\u001F', _keys.Select(k => k.KeyText(record)));

    private DbCommand Command(string text)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = text;
        return command;
    }

    public void Dispose()
    {
        _lookup.Dispose();
        _ticketLookup?.Dispose();
        _insert.Dispose();
        _update.Dispose();
        _journal?.Dispose();
    }

    /// <summary>One column: its SQL name, how to read the entity's value and turn it into the provider's value.</summary>
    private sealed class Column
    {
        private readonly Func<ServiceRecord, object?> _get;
        private readonly RelationalTypeMapping _mapping;
        private readonly Type _clrType;

        public Column(IProperty property, StoreObjectIdentifier table, ISqlGenerationHelper sql, Type entityType)
        {
            Sql = sql.DelimitIdentifier(property.GetColumnName(table)!);
            _mapping = (RelationalTypeMapping)property.GetTypeMapping();
            _clrType = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            var target = Expression.Parameter(typeof(ServiceRecord));
            _get = Expression.Lambda<Func<ServiceRecord, object?>>(
                Expression.Convert(Expression.Property(Expression.Convert(target, entityType), property.PropertyInfo!), typeof(object)),
                target).Compile();
        }

        public string Sql { get; }

        public DbParameter Parameter(DbCommand command, string name) => _mapping.CreateParameter(command, name, null, nullable: true);

        public object ProviderValue(ServiceRecord record)
        {
            var value = _get(record);
            if (value is null)
            {
                return DBNull.Value;
            }

            return _mapping.Converter?.ConvertToProvider(value) ?? value;
        }

        public string KeyText(ServiceRecord record) => _get(record) switch
        {
            DateTime d => d.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var v => v?.ToString() ?? "",
        };

        public string KeyText(DbDataReader reader, int ordinal) =>
            _clrType == typeof(DateTime)
                ? DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : reader.GetString(ordinal);
    }
}
