using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;

namespace ServiceInsights.Tests.Import;

/// <summary>
/// A running app undoes an import into its SQLite file whose process is gone without waiting for a restart
/// (<c>Web/Import/ImportRecovery</c>, decision 030): the app hosted here, the importer another process on the same file.
/// </summary>
public sealed class ImportRecoveryTests : IDisposable
{
    private static readonly ReportMonth October = new(2026, 10);
    private static readonly DateTime AsOf = new(2026, 11, 27, 0, 0, 0);

    private readonly AppFactory _app = new() { Settings = { ["Import:RecoverySeconds"] = "1" } };

    public void Dispose()
    {
        _app.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task TheAppUndoesAGoneProcesssImportWhileItRunsAndItsReportsForgetWhatTheyCountedOfIt()
    {
        _app.CreateAnonymousClient().Dispose(); // starts the app, its recovery timer with it
        await _app.AddRecordsAsync(
            new TicketBuilder().No("GD-KEEP-1").ReceivedAt("2026-10-12 10:00").Staff("张敏").Customer("南京农业大学").Build(),
            new TicketBuilder().No("GD-KEEP-2").ReceivedAt("2026-10-13 10:00").Staff("张敏").Build());
        var kpi = _app.Services.GetRequiredService<KpiCache>();
        var records = Records();
        var before = Figures(await _app.Services.GetRequiredService<KpiService>().RunAsync(October, AsOf)); // not cached

        // Another process's import, some slices in: a new ticket, and GD-KEEP-1 updated with its stored version journaled.
        using var importer = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        var batch = RunningBatch(importer);
        // What readers see mid-import (decision 030): a report computed now counts the committed slices, and is cached.
        var during = Figures(await kpi.GetAsync(October, AsOf));
        Assert.NotEqual(before, during);
        Assert.Equal(during, Figures(await kpi.GetAsync(October, AsOf)));

        // A live importer's batch is left alone by the app's checks.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("Running", Text($"SELECT Status FROM ImportBatches WHERE Id = {batch};"));

        importer.Kill();
        await importer.WaitForExitAsync();

        // Within a few checks, without a restart: the records as they were, the batch failed, the report as before.
        await EventuallyAsync(() => Task.FromResult(Text($"SELECT Status FROM ImportBatches WHERE Id = {batch};") == "Failed"));
        Assert.Equal(records, Records());
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'ImportUndo%';"));
        Assert.Contains("rolled back", Text($"SELECT Message FROM ImportBatches WHERE Id = {batch};"));
        // The cached report counted the undone rows: the undo moved the data version, so it is computed again.
        await EventuallyAsync(async () => Figures(await kpi.GetAsync(October, AsOf)) == before);
        Assert.Contains(_app.Logs.Entries, e => e.Message.Contains("Undid 1 import(s)", StringComparison.Ordinal));
    }

    /// <summary>Every rule's eligible, met and pending counts.</summary>
    private static string Figures(KpiReport report) => string.Join(";", report.Results.Select(r => $"{r.Id}:{r.Eligible}/{r.Met}/{r.Pending}"));

    /// <summary>
    /// What an import of <paramref name="process"/> leaves after some committed slices (as <c>SqliteImportSlices</c> writes
    /// them): its batch running and naming the process, a new ticket, and GD-KEEP-1 updated with its stored version journaled.
    /// </summary>
    private long RunningBatch(Process process)
    {
        var owner = $"Running in process {process.Id} on {Environment.MachineName} since {process.StartTime.ToUniversalTime().Ticks}.";
        using var connection = Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO ImportBatches (FileName, Sha256, FileSize, UserName, StartedAt, FinishedAt, Status, Kinds, NewRows, UpdatedRows, UnchangedRows, RejectedRows, Message) " +
                             "VALUES ('big.csv', '', 0, 'tester', '2026-11-28 00:00:00', '2026-11-28 00:00:00', 'Running', '', 0, 0, 0, 0, $owner) RETURNING Id;";
        insert.Parameters.AddWithValue("$owner", owner);
        var id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using var write = connection.CreateCommand();
        write.CommandText =
            $"INSERT INTO Tickets (TicketNo, ReceivedAt, Staff, ContentHash, ImportBatchId) VALUES ('GD-NEW', '2026-10-14 02:00:00', '张敏', 1, {id});" +
            $"CREATE TABLE \"ImportUndo_{id}_Tickets\" AS SELECT * FROM Tickets WHERE 0;" +
            $"INSERT INTO \"ImportUndo_{id}_Tickets\" SELECT * FROM Tickets WHERE TicketNo = 'GD-KEEP-1';" +
            $"UPDATE Tickets SET Customer = '改过', ContentHash = 2, ImportBatchId = {id} WHERE TicketNo = 'GD-KEEP-1';";
        write.ExecuteNonQuery();
        return id;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "not within 20 s");
            await Task.Delay(200);
        }
    }

    /// <summary>Every ticket's number, customer, received time, content hash and batch, in order.</summary>
    private string Records() =>
        Text("SELECT group_concat(TicketNo || '|' || coalesce(Customer, '-') || '|' || ReceivedAt || '|' || ContentHash || '|' || coalesce(ImportBatchId, '-'), ',') FROM (SELECT * FROM Tickets ORDER BY Id);");

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_app.DatabaseFile};Pooling=False");
        connection.Open();
        return connection;
    }

    private string Text(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
