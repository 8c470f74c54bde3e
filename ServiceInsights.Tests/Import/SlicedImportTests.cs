using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Sqlite;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

/// <summary>
/// An import into a SQLite file commits in short slices (decision 030): other writes get in while it runs, a failure or
/// a cancellation after some slices were committed leaves the stored records as they were, and the connection is given
/// back as it was taken.
/// </summary>
public class SlicedImportTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;
    private ImportService _import = null!;

    private static readonly DepartmentClock Clock = new(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28));

    public async Task InitializeAsync()
    {
        // Pooled, as in the app: the import's connection goes back to the pool and is handed out again.
        _database = await new TestDatabase(pooled: true).MigrateAsync();
        // Every batch in a slice of its own, so that a small file has many committed slices.
        _import = new ImportService(_database.Factory, Clock) { SliceLength = TimeSpan.Zero };
    }

    /// <summary>Tickets GD00000000… with <paramref name="customer"/> as 客户单位; a row <paramref name="failing"/> is one a trigger refuses.</summary>
    private async Task<string> TicketsAsync(string name, int rows, string customer = "山东省寿光市农业农村局")
    {
        var file = _folder.File(name);
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(true));
        await writer.WriteLineAsync("工单号,来电时间,客户单位,问题描述,解决方案,客服");
        for (var i = 0; i < rows; i++)
        {
            await writer.WriteLineAsync($"GD{i:D8},2026-03-05 10:{i % 60:D2},{customer}{i % 7},设备无法联网，数据不上传,远程指导重新配置网络参数,张丽");
        }

        return file;
    }

    private Task<ImportResult> ImportAsync(string file, bool dryRun = false, CancellationToken cancellationToken = default,
        IProgress<ImportProgress>? progress = null) =>
        _import.ImportAsync(file, Path.GetFileName(file), new ImportOptions(RecordKind.Tickets, dryRun, "tester"), progress, cancellationToken);

    [Fact]
    public async Task AnImportInSlicesStoresEveryRowKeepsTheIndexesAndLeavesNoJournal()
    {
        var result = await ImportAsync(await TicketsAsync("tickets.csv", 12_345));

        Assert.True(result.Clean, result.FatalError);
        Assert.Equal(12_345, result.New);
        using var connection = Open();
        Assert.Equal(12_345, Scalar(connection, "SELECT count(*) FROM Tickets;"));
        Assert.Equal("Committed", Text(connection, "SELECT group_concat(Status) FROM ImportBatches;"));
        Assert.Equal(0, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'ImportUndo%';"));
        Assert.Equal("ok", Text(connection, "PRAGMA integrity_check;"));
        Assert.Equal("IX_Tickets_Customer,IX_Tickets_ImportBatchId,IX_Tickets_ReceivedAt,IX_Tickets_ResolvedAt,IX_Tickets_Staff_ResolvedAt,IX_Tickets_TicketNo",
            Text(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Tickets' AND sql IS NOT NULL ORDER BY name);"));
    }

    [Fact]
    public async Task AFailureAfterSomeSlicesLeavesTheStoredRecordsAsTheyWere()
    {
        // Half the tickets stored already, then a file that updates them, adds the other half and fails on a row near its end.
        Assert.True((await ImportAsync(await TicketsAsync("first.csv", 5_000))).Clean);
        var before = Records();
        var version = DataVersion();
        using (var connection = Open())
        {
            Execute(connection, "CREATE TRIGGER refuse BEFORE INSERT ON Tickets WHEN NEW.TicketNo = 'GD00009500' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        var result = await ImportAsync(await TicketsAsync("second.csv", 10_000, customer: "南京农业大学"));

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("refused by the test", result.FatalError);
        Assert.Equal(before, Records());
        // A report computed mid-import counted the undone slices: the undo moves the data version the caches are keyed by.
        Assert.Equal(version + 1, DataVersion());
        using var check = Open();
        Assert.Equal("Committed,Failed", Text(check, "SELECT group_concat(Status) FROM (SELECT Status FROM ImportBatches ORDER BY Id);"));
        Assert.Equal(0, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'ImportUndo%';"));
        Assert.Equal("ok", Text(check, "PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task ACancellationAfterSomeSlicesLeavesTheStoredRecordsAsTheyWere()
    {
        Assert.True((await ImportAsync(await TicketsAsync("first.csv", 3_000))).Clean);
        var before = Records();
        using var cancel = new CancellationTokenSource();
        var cancelled = false;
        var progress = new SynchronousProgress<ImportProgress>(p =>
        {
            if (p.Rows >= 20_000 && !cancelled)
            {
                cancelled = true;
                cancel.Cancel();
            }
        });

        var result = await ImportAsync(await TicketsAsync("second.csv", 60_000, customer: "南京农业大学"), cancellationToken: cancel.Token, progress: progress);

        Assert.Equal(ImportStatus.Cancelled, result.Status);
        Assert.Equal(before, Records());
        using var check = Open();
        Assert.Equal(0, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'ImportUndo%';"));
    }

    [Fact]
    public async Task ASettingsChangeFinishesWhileALargeImportRuns()
    {
        // The default slices, as in the app; a file that takes several seconds to import even on a quiet machine (150,000 rows
        // once took about one: the import ended while the change waited for its slice).
        var import = new ImportService(_database.Factory, Clock);
        var file = await TicketsAsync("large.csv", 400_000);
        var store = new SettingsStore(_database.Factory, Clock);
        await store.SetDayAsync(new DateOnly(2026, 12, 31), null, null, "tester"); // EF's first use is not a wait

        var rows = 0L;
        var importing = import.ImportAsync(file, "large.csv", new ImportOptions(RecordKind.Tickets, false, "tester"),
            new SynchronousProgress<ImportProgress>(p => Interlocked.Exchange(ref rows, p.Rows)));
        while (Interlocked.Read(ref rows) < 20_000 && !importing.IsCompleted)
        {
            await Task.Delay(20);
        }

        var watch = Stopwatch.StartNew();
        await store.SetDayAsync(new DateOnly(2026, 12, 31), CalendarDayKind.OffDay, "tester", "tester");
        var waited = watch.Elapsed;
        var finishedFirst = !importing.IsCompleted;
        var result = await importing;

        Assert.True(result.Clean, result.FatalError);
        Assert.True(finishedFirst, "the settings change finished only after the import");
        // A generous bound: the target (≤ 2 s at 1M rows) is the benchmark's; one transaction made this wait for the whole import.
        Assert.True(waited < TimeSpan.FromSeconds(10), $"the settings change waited {waited.TotalSeconds:0.0} s");
        Assert.Equal(400_000, result.New);
    }

    [Fact]
    public async Task AnImportGivesItsConnectionBackWithSqlitesDefaultCache()
    {
        Assert.True((await ImportAsync(await TicketsAsync("tickets.csv", 2_000))).Clean);

        await using var first = _database.Open();
        await using var second = _database.Open();
        foreach (var db in new[] { first, second })
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal(1000, Scalar(connection, "PRAGMA wal_autocheckpoint;"));
            Assert.Equal(-2000, Scalar(connection, "PRAGMA cache_size;"));
        }
    }

    [Fact]
    public async Task ADryRunStoresNothing()
    {
        var result = await ImportAsync(await TicketsAsync("tickets.csv", 2_000), dryRun: true);

        Assert.Equal(2_000, result.New);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Tickets.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task AtStartTheImportOfAProcessThatIsGoneIsUndoneAndOneOfALiveProcessIsLeftAlone()
    {
        Assert.True((await ImportAsync(await TicketsAsync("first.csv", 1_000))).Clean);
        var before = Records();
        using var live = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        using var gone = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var liveBatch = RunningBatch(live, "GD-LIVE");
        var goneBatch = RunningBatch(gone, "GD-GONE");
        gone.Kill();
        await gone.WaitForExitAsync();
        var version = DataVersion();

        await _database.Factory.MigrateAsync(_database.Settings); // a start of the app or of any verb
        Assert.Equal(0, await _database.Factory.RecoverImportsAsync()); // undone once: a second check (another instance's) finds nothing to do

        using var connection = Open();
        Assert.Equal($"{liveBatch}:Running,{goneBatch}:Failed", Text(connection,
            $"SELECT group_concat(Id || ':' || Status, ',') FROM (SELECT Id, Status FROM ImportBatches WHERE Id IN ({goneBatch}, {liveBatch}) ORDER BY Id);"));
        Assert.Contains("rolled back", Text(connection, $"SELECT Message FROM ImportBatches WHERE Id = {goneBatch};"));
        Assert.Equal(1, Scalar(connection, "SELECT count(*) FROM Tickets WHERE TicketNo = 'GD-LIVE';"));
        Assert.Equal(0, Scalar(connection, "SELECT count(*) FROM Tickets WHERE TicketNo = 'GD-GONE';"));
        Assert.Equal(1, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'ImportUndo%';")); // the live one's
        Execute(connection, $"DELETE FROM Tickets WHERE TicketNo = 'GD-LIVE'; DROP TABLE \"ImportUndo_{liveBatch}_Tickets\";");
        Assert.Equal(before, Records()); // the gone one's update of GD00000001 is undone too
        Assert.Equal(version + 1, DataVersion());
        live.Kill();
    }

    [Fact]
    public async Task UndoingTheImportOfAGoneProcessLetsGoOfItsLeaseButNotOfALeaseTakenSinceUnderTheSameProcessId()
    {
        Assert.True((await ImportAsync(await TicketsAsync("first.csv", 10))).Clean);
        var lease = new ImportLease(_database.Factory, TimeProvider.System);

        // The lease names the gone process but was taken after its batch began (2026-11-28 00:00): a new process given the
        // same id took it since. Undoing the old batch leaves it.
        var reused = await GoneBatchAsync("GD-OLD", acquiredAt: "2026-11-28 00:05:00");
        await _database.Factory.RecoverImportsAsync();
        await Assert.ThrowsAsync<ImportBusyException>(() => lease.AcquireAsync("next"));
        using (var connection = Open())
        {
            Assert.Contains($"(process {reused})", Text(connection, "SELECT Holder FROM Leases WHERE Name = 'import';"));
        }

        // Taken before its batch began: the gone process's own. Undoing its batch lets go of it, and the next import may start.
        await GoneBatchAsync("GD-GONE", acquiredAt: "2026-11-27 23:59:00");
        Assert.Equal(1, await _database.Factory.RecoverImportsAsync());
        await using (await lease.AcquireAsync("next"))
        {
        }
    }

    /// <summary>A running batch of a process that has ended, and the import lease in its name, taken at <paramref name="acquiredAt"/>
    /// and not yet run out; returns the process id.</summary>
    private async Task<int> GoneBatchAsync(string newTicket, string acquiredAt)
    {
        using var gone = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        RunningBatch(gone, newTicket);
        using (var connection = Open())
        {
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE Leases SET Holder = $holder, AcquiredAt = $at, ExpiresAt = '2099-01-01 00:00:00' WHERE Name = 'import';";
            update.Parameters.AddWithValue("$holder", $"tester @ {ImportLease.HolderProcess(Environment.MachineName, gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))} · run");
            update.Parameters.AddWithValue("$at", acquiredAt);
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        gone.Kill();
        await gone.WaitForExitAsync();
        return gone.Id;
    }

    /// <summary>
    /// What an import of <paramref name="process"/> leaves after two committed slices: a running batch naming the process,
    /// a new ticket, and GD00000001 updated with its stored version journaled.
    /// </summary>
    private long RunningBatch(Process process, string newTicket)
    {
        using var connection = Open();
        var owner = $"Running in process {process.Id} on {Environment.MachineName} since {process.StartTime.ToUniversalTime().Ticks}.";
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO ImportBatches (FileName, Sha256, FileSize, UserName, StartedAt, FinishedAt, Status, Kinds, NewRows, UpdatedRows, UnchangedRows, RejectedRows, Message) " +
                                 "VALUES ('x.csv', '', 0, 'tester', '2026-11-28 00:00:00', '2026-11-28 00:00:00', 'Running', '', 0, 0, 0, 0, $owner) RETURNING Id;";
            insert.Parameters.AddWithValue("$owner", owner);
            var id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            Execute(connection,
                $"INSERT INTO Tickets (TicketNo, ReceivedAt, ContentHash, ImportBatchId) VALUES ('{newTicket}', '2026-03-05 02:00:00', 1, {id});" +
                $"CREATE TABLE IF NOT EXISTS \"ImportUndo_{id}_Tickets\" AS SELECT * FROM Tickets WHERE 0;" +
                $"INSERT INTO \"ImportUndo_{id}_Tickets\" SELECT * FROM Tickets WHERE TicketNo = 'GD00000001' AND {(newTicket == "GD-GONE" ? "1" : "0")};" +
                (newTicket == "GD-GONE" ? $"UPDATE Tickets SET Customer = '改过', ContentHash = 2, ImportBatchId = {id} WHERE TicketNo = 'GD00000001';" : ""));
            return id;
        }
    }

    [Fact]
    public async Task UndoingAnImportFindsItsRowsThroughTheBatchIndexNotByAScan()
    {
        using var connection = Open();
        await using var db = _database.Open();
        var tables = SqliteImportSlices.RecordTables(db).ToList();
        Assert.Equal(7, tables.Count);
        foreach (var table in tables)
        {
            var journal = $"ImportUndo_7_{table}";
            Execute(connection, $"CREATE TABLE \"{journal}\" AS SELECT * FROM \"{table}\" WHERE 0;");
            foreach (var sql in new[] { SqliteImportSlices.DeleteInserted(table, 7, null), SqliteImportSlices.DeleteInserted(table, 7, journal) })
            {
                var plan = Plan(connection, sql);
                Assert.Matches($@"SEARCH {table} USING (COVERING )?INDEX IX_{table}_ImportBatchId \(ImportBatchId=\?\)", plan);
                Assert.DoesNotContain($"SCAN {table}", plan);
            }
        }
    }

    /// <summary>SQLite's plan of <paramref name="sql"/>, one step a line.</summary>
    private static string Plan(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join("\n", steps);
    }

    private long DataVersion()
    {
        using var connection = Open();
        return Scalar(connection, "SELECT Value FROM DataVersion;");
    }

    /// <summary>Every ticket's number, content hash and batch, in order.</summary>
    private string Records()
    {
        using var connection = Open();
        return Text(connection, "SELECT count(*) || ':' || coalesce(group_concat(TicketNo || '|' || Customer || '|' || ContentHash || '|' || ImportBatchId, ','), '') FROM (SELECT * FROM Tickets ORDER BY Id);");
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
