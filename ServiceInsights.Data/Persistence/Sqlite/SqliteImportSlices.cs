using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// An import into a SQLite file, committed in short slices so that SQLite's one write lock is never held for long: every
/// other write of the app (a sign-in, a settings change, an 8D autosave) waits at most about a slice. Each slice is one
/// transaction of at most <see cref="SliceLength"/>. Between two slices the lock is let go for <see cref="Gap"/> (longer
/// than Microsoft.Data.Sqlite's pause between two tries of a busy command, so a waiting writer gets in) when a connection
/// of this process was refused the lock during the slice (<see cref="SqliteLockWaits"/>), and at least every
/// <see cref="GapEvery"/> for writers that cannot say so (after every slice if no connection could be watched); otherwise
/// the next slice begins at once. The lock is also let go
/// whenever the writer waits for rows. It is not held while the file is read, parsed and checked either: that runs on the
/// reading thread and only hands finished batches over.
/// <para>
/// Nothing is half-written on failure. The batch row is committed first, as <see cref="ImportStatus.Running"/>, naming the
/// process; every record the import inserts or updates carries its id. Before a stored row is updated, the row as it was
/// is copied, in the same slice, into a journal table of the batch (<c>ImportUndo_{batch}_{table}</c>). A failure or a
/// cancellation undoes the committed slices in one transaction: the rows the batch inserted are deleted, the updated ones
/// put back from the journal. A process killed mid-import leaves its batch running; the next start of any instance (or
/// the next import), and every running app instance on a timer, undo it once the process is gone (<see cref="RecoverAsync"/>).
/// Until then, and during an import, readers see the slices committed so far: the data version moves when the import has
/// committed or been undone, so a report cached before it keeps its figures and one computed from its slices is computed
/// again. Docs: decisions 030, 036.
/// </para>
/// </summary>
internal sealed partial class SqliteImportSlices : ImportTransaction
{
    /// <summary>The longest a slice holds the write lock (the time to step its rows; its commit comes on top).</summary>
    public static readonly TimeSpan DefaultSliceLength = TimeSpan.FromSeconds(1);

    /// <summary>How long the lock is let go between two slices: Microsoft.Data.Sqlite tries a busy command again every 150 ms.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest the import writes without a <see cref="Gap"/> when no connection of this process waits: a writer in
    /// another process (a CLI verb, a second instance on the same file) leaves no note, and gets in within about this long.
    /// </summary>
    public static readonly TimeSpan GapEvery = TimeSpan.FromSeconds(5);

    private const string JournalPrefix = "ImportUndo_";

    private readonly SqliteConnection _connection;
    private readonly Stopwatch _open = new();
    private readonly Stopwatch _sinceGap = Stopwatch.StartNew();
    private long _sliceBegan;
    private readonly HashSet<string> _journals = new(StringComparer.Ordinal);
    private long _batchId;
    private Task _checkpoint = Task.CompletedTask;

    public SqliteImportSlices(ServiceInsightsDbContext db, TimeSpan? sliceLength = null) : base(db)
    {
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        SliceLength = sliceLength ?? DefaultSliceLength;
        // 256 MB for this connection while the import runs. Its commits leave the WAL to a checkpoint beside the import
        // (Checkpoint): SQLite's automatic one would copy every slice into the database file on the writing thread.
        Execute("PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 0;");
    }

    public TimeSpan SliceLength { get; }

    /// <summary>A SQLite file: the only kind another process or connection can write to while an import runs.</summary>
    public static bool Serves(ServiceInsightsDbContext db) =>
        db.Database.GetDbConnection() is SqliteConnection { DataSource: { Length: > 0 } source } && source != ":memory:";

    /// <summary>
    /// A preview on SQLite: a deferred transaction, one snapshot that takes no write lock (in WAL mode it never blocks a
    /// writer). False on other providers.
    /// </summary>
    public static async Task<bool> BeginReadingAsync(ServiceInsightsDbContext db)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return false;
        }

        await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), CancellationToken.None);
        return true;
    }

    public override async Task StartAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        await RecoverAsync(Db, cancellationToken);
        batch.Status = ImportStatus.Running;
        batch.Message = Owner();
        Begin();
        Db.ImportBatches.Add(batch);
        await Db.SaveChangesAsync(cancellationToken);
        Db.Database.CommitTransaction();
        _batchId = batch.Id;
    }

    public override bool Enter()
    {
        if (Db.Database.CurrentTransaction is null)
        {
            Begin();
            return true;
        }

        if (_open.Elapsed < SliceLength)
        {
            return false;
        }

        Commit();
        var file = _connection.DataSource;
        if (SqliteLockWaits.LastRefused(file) >= _sliceBegan || _sinceGap.Elapsed >= GapEvery || !SqliteLockWaits.Watches(file))
        {
            Thread.Sleep(Gap);
            _sinceGap.Restart();
        }

        Begin();
        return true;
    }

    public override void Idle()
    {
        if (Db.Database.CurrentTransaction is not null)
        {
            Commit();
        }
    }

    private void Commit()
    {
        Db.Database.CommitTransaction();
        Checkpoint();
    }

    /// <summary>
    /// Copies the committed slices from the WAL into the database file on a connection of its own, beside the writing (a
    /// passive checkpoint never waits for or blocks a writer or reader), so that the WAL stays about a slice long: another
    /// writer's commit would otherwise run SQLite's automatic checkpoint over all of it, and wait seconds.
    /// </summary>
    private void Checkpoint()
    {
        if (!_checkpoint.IsCompleted)
        {
            return; // the one running takes the new pages too, or the next one does
        }

        var connectionString = _connection.ConnectionString;
        _checkpoint = Task.Run(() =>
        {
            try
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy or gone: the next slice's checkpoint (or the next commit's automatic one) copies the pages instead.
            }
        });
    }

    public override string? JournalOf(string table)
    {
        var journal = Quote($"{JournalPrefix}{_batchId}_{table}");
        if (_journals.Add(table))
        {
            Execute($"CREATE TABLE IF NOT EXISTS {journal} AS SELECT * FROM {Quote(table)} WHERE 0;");
        }

        return journal;
    }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        Enter();
        foreach (var table in _journals)
        {
            Execute($"DROP TABLE {Quote($"{JournalPrefix}{_batchId}_{table}")};");
        }

        await Db.SaveChangesAsync(cancellationToken);
        Commit();
    }

    public override async Task RollbackAsync(ImportBatch batch)
    {
        if (Db.Database.CurrentTransaction is not null)
        {
            await Db.Database.RollbackTransactionAsync(CancellationToken.None);
        }

        if (_batchId != 0)
        {
            // The import's caller records the failure in a history row of its own, as for any provider.
            Undo(Db, _batchId, failure: null);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _checkpoint;
        // Back to SQLite's default cache and automatic checkpoint, so the pooled connection is as it was for whoever takes it next.
        Execute("PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000;");
    }

    /// <summary>
    /// Undoes the imports left running by a process that is gone (killed, or its machine lost): run at start and before
    /// each import. A batch of this machine is gone when its process is; one of another machine when the import lease
    /// has run out (a live import renews it every minute).
    /// </summary>
    /// <returns>How many imports were undone here.</returns>
    public static async Task<int> RecoverAsync(ServiceInsightsDbContext db, CancellationToken cancellationToken = default)
    {
        var running = await db.ImportBatches.AsNoTracking().Where(b => b.Status == ImportStatus.Running)
            .Select(b => new { b.Id, b.Message, b.StartedAt }).ToListAsync(cancellationToken);
        var undone = 0;
        foreach (var batch in running)
        {
            if (await IsGoneAsync(db, batch.Message, cancellationToken)
                && Undo(db, batch.Id, "The import's process ended before it finished; its rows were rolled back. / 导入进程在完成前终止，已回滚其写入的数据。",
                    LeaseOf(batch.Message, batch.StartedAt)))
            {
                undone++;
            }
        }

        return undone;
    }

    /// <summary>
    /// The import lease a gone process of this machine still holds: the holder names its process (<see
    /// cref="ImportLease.Holder"/>) and took it no later than the batch started. A lease taken since, by a new process that
    /// was given the same id, is not its. Null for another machine's process: its lease has run out, or it would not count
    /// as gone.
    /// </summary>
    private static (string Needle, DateTime TakenBy)? LeaseOf(string? owner, DateTime batchStarted) =>
        owner is not null && OwnerPattern().Match(owner) is { Success: true } match && match.Groups["machine"].Value == Environment.MachineName
            ? ($" @ {ImportLease.HolderProcess(match.Groups["machine"].Value, match.Groups["pid"].Value)} · ", batchStarted)
            : null;

    /// <summary>
    /// Puts the records back as they were before batch <paramref name="batchId"/>, in one transaction: its inserted rows
    /// deleted, its updated rows restored from its journal tables, which are dropped. The batch row is deleted
    /// (<paramref name="failure"/> null: the caller records the failure) or marked failed with that message.
    /// </summary>
    /// <returns>False when the batch was not running any more (another instance undid it first): nothing was changed.</returns>
    private static bool Undo(ServiceInsightsDbContext db, long batchId, string? failure, (string Needle, DateTime TakenBy)? lease = null)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }

        using var transaction = connection.BeginTransaction();
        // Every running instance recovers on its own (at start and on a timer), so another may have undone it a moment ago.
        using (var status = Command(connection, transaction, "SELECT \"Status\" FROM \"ImportBatches\" WHERE \"Id\" = $id;"))
        {
            status.Parameters.AddWithValue("$id", batchId);
            if (status.ExecuteScalar() as string != nameof(ImportStatus.Running))
            {
                return false;
            }
        }

        var journals = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var find = Command(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, length($prefix)) = $prefix;"))
        {
            var prefix = $"{JournalPrefix}{batchId}_";
            find.Parameters.AddWithValue("$prefix", prefix);
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                journals[reader.GetString(0)[prefix.Length..]] = reader.GetString(0);
            }
        }

        foreach (var table in RecordTables(db))
        {
            journals.TryGetValue(table, out var journal);
            Run(connection, transaction, DeleteInserted(table, batchId, journal));
            if (journal is null)
            {
                continue;
            }

            var columns = new List<string>();
            using (var info = Command(connection, transaction, $"SELECT name FROM pragma_table_info({Literal(table)}) WHERE name <> 'Id';"))
            using (var reader = info.ExecuteReader())
            {
                while (reader.Read())
                {
                    columns.Add(Quote(reader.GetString(0)));
                }
            }

            var list = string.Join(", ", columns);
            Run(connection, transaction,
                $"UPDATE {Quote(table)} SET ({list}) = (SELECT {list} FROM {Quote(journal)} AS j WHERE j.\"Id\" = {Quote(table)}.\"Id\") " +
                $"WHERE \"Id\" IN (SELECT \"Id\" FROM {Quote(journal)});" +
                $"DROP TABLE {Quote(journal)};");
        }

        using (var history = Command(connection, transaction, failure is null
                   ? "DELETE FROM \"ImportBatches\" WHERE \"Id\" = $id;"
                   : "UPDATE \"ImportBatches\" SET \"Status\" = 'Failed', \"Message\" = $message, \"FinishedAt\" = $now WHERE \"Id\" = $id;"))
        {
            history.Parameters.AddWithValue("$id", batchId);
            history.Parameters.AddWithValue("$message", failure ?? "");
            history.Parameters.AddWithValue("$now", DateTime.UtcNow);
            history.ExecuteNonQuery();
        }

        // The gone process cannot let go of its import lease: without this the next import would be refused as "another
        // import is running" until the lease ran out (10 minutes), although the history already says the import failed.
        if (lease is var (needle, takenBy))
        {
            using var release = Command(connection, transaction,
                "UPDATE \"Leases\" SET \"Holder\" = '', \"ExpiresAt\" = $past WHERE \"Name\" = $name AND instr(\"Holder\", $needle) > 0 AND \"AcquiredAt\" <= $takenBy;");
            release.Parameters.AddWithValue("$past", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            release.Parameters.AddWithValue("$name", ImportLease.Name);
            release.Parameters.AddWithValue("$needle", needle);
            release.Parameters.AddWithValue("$takenBy", takenBy);
            release.ExecuteNonQuery();
        }

        // Readers may have counted the undone slices (a report computed mid-import and cached by the data version): the
        // version moves with the undo, so every instance computes them again (within a second; DataVersion).
        Run(connection, transaction, $"UPDATE \"DataVersion\" SET \"Value\" = \"Value\" + 1 WHERE \"Id\" = {StoredDataVersion.SingleId};");
        transaction.Commit();
        return true;
    }

    /// <summary>The tables of the imported records: every row in them carries the batch that last wrote it.</summary>
    internal static IEnumerable<string> RecordTables(ServiceInsightsDbContext db) =>
        RecordSchemas.All.Select(s => db.Model.FindEntityType(s.EntityType)!.GetTableName()!).Distinct();

    /// <summary>
    /// Deletes the rows batch <paramref name="batchId"/> inserted into <paramref name="table"/>: those carrying its id, less
    /// the ones it updated (in its <paramref name="journal"/>, put back instead). Found through the table's index on the
    /// batch id (<c>IX_{table}_ImportBatchId</c>), so an undo reads the batch's rows, not the table.
    /// </summary>
    internal static string DeleteInserted(string table, long batchId, string? journal) =>
        $"DELETE FROM {Quote(table)} WHERE \"ImportBatchId\" = {batchId}" +
        (journal is null ? ";" : $" AND \"Id\" NOT IN (SELECT \"Id\" FROM {Quote(journal)});");

    /// <summary>Who runs the import, as <see cref="IsGoneAsync"/> reads it back.</summary>
    private static string Owner()
    {
        using var self = Process.GetCurrentProcess();
        return $"Running in process {Environment.ProcessId} on {Environment.MachineName} since {self.StartTime.ToUniversalTime().Ticks}.";
    }

    private static async Task<bool> IsGoneAsync(ServiceInsightsDbContext db, string? owner, CancellationToken cancellationToken)
    {
        var match = owner is null ? null : OwnerPattern().Match(owner);
        if (match is not { Success: true })
        {
            return true;
        }

        if (match.Groups["machine"].Value == Environment.MachineName)
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture));
                // A process id can be reused: the same id started at another time is another process. The start time is
                // compared within a second: it is derived from the boot time, which another reading may round otherwise.
                var started = new DateTime(long.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture), DateTimeKind.Utc);
                return (process.StartTime.ToUniversalTime() - started).Duration() > TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return true;
            }
        }

        var now = DateTime.UtcNow;
        return !await db.Leases.AnyAsync(l => l.Name == ImportLease.Name && l.ExpiresAt >= now, cancellationToken);
    }

    [GeneratedRegex(@"^Running in process (?<pid>\d+) on (?<machine>.+) since (?<start>\d+)\.$")]
    private static partial Regex OwnerPattern();

    private void Begin()
    {
        Db.Database.BeginTransaction();
        _open.Restart();
        _sliceBegan = Environment.TickCount64;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)Db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
