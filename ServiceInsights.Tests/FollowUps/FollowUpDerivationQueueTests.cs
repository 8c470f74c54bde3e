using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.FollowUps;
using ServiceInsights.Web.Reports.Callbacks;
using static ServiceInsights.Tests.Exports.ExportReading;

namespace ServiceInsights.Tests.FollowUps;

/// <summary>
/// Where the follow-up items are derived (decision 034), over a real SQLite file: after an import commits, without any read;
/// never by a read; on the timer when a promise passes with no import; once however many instances derive; and again for a
/// callback re-imported with a changed satisfaction.
/// </summary>
public sealed class FollowUpDerivationQueueTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly TempFolder _folder = new();

    async Task IAsyncLifetime.InitializeAsync() => await _database.MigrateAsync();

    Task IAsyncLifetime.DisposeAsync()
    {
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<string>> KeysAsync()
    {
        await using var db = _database.Open();
        return await db.FollowUpItems.OrderBy(i => i.DerivedKey).Select(i => i.DerivedKey!).ToListAsync();
    }

    private async Task<ImportResult> ImportAsync(DataVersion version, string name, params string[][] rows)
    {
        var result = await new ImportService(_database.Factory, TestClock.Shanghai, version)
            .ImportAsync(ImportFileBuilder.Csv(_folder, name, ImportFileBuilder.Utf8, rows), name, new ImportOptions(UserName: "test"));
        Assert.True(result.Clean, result.FatalError ?? result.Rejections.FirstOrDefault()?.Describe(chinese: false));
        return result;
    }

    private static readonly string[] TicketHeader = ["工单号", "来电时间", "客服"];
    private static readonly string[] CallbackHeader = ["回访编号", "工单号", "回访时间", "是否接通", "问题是否解决", "满意度", "回访人"];
    private static readonly string[] ComplaintHeader = ["投诉编号", "工单号", "客户单位", "受理时间", "承诺时间", "结案时间", "纠正措施"];

    [Fact]
    public async Task AnImportDerivesTheItemsAsItCommitsWithoutAnyRead()
    {
        var version = new DataVersion(_database.Factory);
        using var queue = _database.FollowUpDerivation(version);
        await ImportAsync(version, "tickets.csv", TicketHeader, ["GD1", "2026-11-02 09:00", "王芳"], ["GD2", "2026-11-03 09:00", "李强"]);
        await queue.IdleAsync();
        Assert.Empty(await KeysAsync());

        await ImportAsync(version, "complaints.csv", ComplaintHeader,
            ["TS1", "GD1", "山东农科", "2026-11-04 09:00", "2026-11-10 17:00", "", ""],
            ["TS2", "GD2", "荆州市农业局", "2026-11-05 09:00", "2026-11-30 17:00", "2026-11-06 10:00", "更换灯管"]);
        await ImportAsync(version, "callbacks.csv", CallbackHeader,
            ["HF1", "GD1", "2026-11-12 10:00", "是", "是", "不满意", "王芳"],
            ["HF2", "GD2", "2026-11-13 10:00", "是", "是", "满意", "李强"]);

        // Nothing but the imports ran: the derivation each started as it committed opens the items.
        await queue.IdleAsync();
        Assert.Equal(["CALLBACK:HF1", "CAPA:TS2", "OVERDUE:TS1"], await KeysAsync());
        await using var db = _database.Open();
        Assert.Equal("更换灯管", (await db.FollowUpItems.SingleAsync(i => i.DerivedKey == "CAPA:TS2")).Action);
    }

    [Fact]
    public async Task ADerivationAskedForByAPageRunsOffThePagesContext()
    {
        await _database.AddAsync(new TicketBuilder().No("GD1").ReceivedAt("2026-11-02 09:00").Build(),
            new CallbackBuilder().No("HF1").Ticket("GD1").At("2026-11-12 10:00").Satisfaction(1).Build());
        using var queue = _database.FollowUpDerivation();
        var page = new CountingSynchronizationContext();

        await page.Run(queue.RefreshAsync);

        // The derivation read and wrote the database (its awaits came back), and none of it was queued on the page's context.
        Assert.Equal(["CALLBACK:HF1"], await KeysAsync());
        Assert.Equal(0, page.Posts);
    }

    [Fact]
    public async Task ReadingTheReportsAndTheListsDerivesNothing()
    {
        await _database.AddAsync(
            new ComplaintBuilder().No("TS-1").ReceivedAt("2026-11-18 10:00").With(c => c.PromisedBy = TestClock.Utc("2026-11-20 17:00")).Build(),
            new ComplaintBuilder().No("TS-2").ReceivedAt("2026-11-02 10:00").With(c => c.ClosedAt = TestClock.Utc("2026-11-04 12:00")).Build(),
            new CallbackBuilder().No("HF-1").At("2026-11-10 10:00").Satisfaction(1).Build());
        var followUps = _database.FollowUps();
        var settings = new SettingsStore(_database.Factory, TestClock.Shanghai);
        var november = new ReportMonth(2026, 11);
        var manager = TestActors.Manager;

        var callbacks = await new CallbackReportQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai, followUps, new DataVersion(_database.Factory)).RunAsync(november);
        var complaints = await new ComplaintSummaryQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai, followUps).RunAsync(november);
        await followUps.ListAsync(manager, new FollowUpFilter(FollowUpView.All));
        await followUps.OfRecordAsync(new RecordRef(RecordKind.Complaints, "TS-1"));

        Assert.Empty(callbacks.FollowUps);
        Assert.Empty(complaints.FollowUps);
        Assert.Empty(await KeysAsync());
        // The records do call for items: the derivation, not a read, opens them.
        Assert.Equal(3, await followUps.SyncAsync());
        Assert.Equal(2, (await new ComplaintSummaryQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai, followUps)
            .RunAsync(november)).FollowUps.Count);
    }

    [Fact]
    public async Task TheTimerOpensAnOverdueItemWhenAPromisePassesWithoutAnImport()
    {
        var time = new MovableTimeProvider(TestClock.Utc("2026-11-28 10:00"));
        var clock = new DepartmentClock(TestClock.Shanghai.TimeZone, time);
        await _database.AddAsync(new ComplaintBuilder().No("TS-1").ReceivedAt("2026-11-27 10:00").Staff("王芳")
            .With(c => c.PromisedBy = TestClock.Utc("2026-11-28 10:10")).Build());
        using var queue = _database.FollowUpDerivation(clock: clock);
        await queue.RefreshAsync();
        Assert.Empty(await KeysAsync());

        // Three minutes on, nothing changed and the last derivation is recent: the timer's check does not derive.
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(queue.CheckAsync().IsCompleted);
        Assert.False(queue.IsUpdating);

        // Past the promise (10:10) and past ResyncEvery since the last derivation (10:00): the check derives, and the
        // complaint is overdue.
        time.Advance(TimeSpan.FromMinutes(12));
        Assert.True(TimeSpan.FromMinutes(15) >= FollowUpDerivationQueue.ResyncEvery);
        await queue.CheckAsync();
        Assert.Equal(["OVERDUE:TS-1"], await KeysAsync());
        var item = (await _database.FollowUps(clock).ListAsync(TestActors.Manager, new FollowUpFilter(FollowUpView.All))).Single();
        Assert.Equal((new DateOnly(2026, 11, 28), TestClock.Local("2026-11-28 10:10")), (item.Due, item.CreatedAt));
    }

    [Fact]
    public async Task TwoInstancesOnOneFileOpenEachItemOnce()
    {
        // Two app instances: each its own data version, service, queue and connections, on one SQLite file.
        var first = new DataVersion(_database.Factory);
        var second = new DataVersion(_database.Factory);
        using var firstQueue = _database.FollowUpDerivation(first);
        using var secondQueue = _database.FollowUpDerivation(second);
        await _database.AddAsync([.. Enumerable.Range(1, 1500).Select(i => new CallbackBuilder().No($"HF-{i:D4}").At("2026-11-10 10:00").Satisfaction(1).Build())]);

        // Both derive at once (two slices of items each): whichever saves a slice first stores it, the other finds its keys
        // under the write lock and stores none of them.
        var opened = await Task.WhenAll(_database.FollowUps().SyncAsync(), _database.FollowUps().SyncAsync());

        Assert.Equal(1500, opened.Sum());
        // An import in the first instance: it derives as it commits; the second sees the version move on its timer.
        await ImportAsync(first, "tickets.csv", TicketHeader, ["GD1", "2026-11-02 09:00", "王芳"]);
        await ImportAsync(first, "callbacks.csv", CallbackHeader, ["HF1", "GD1", "2026-11-12 10:00", "是", "否", "一般", "王芳"]);
        await Task.WhenAll(firstQueue.IdleAsync(), secondQueue.CheckAsync());
        await firstQueue.IdleAsync();
        await using var db = _database.Open();
        Assert.Equal(1501, await db.FollowUpItems.CountAsync());
        Assert.Equal(1501, await db.FollowUpChanges.CountAsync(c => c.Field == "Opened"));
        Assert.Equal(1501, await db.FollowUpItems.Select(i => i.DerivedKey).Distinct().CountAsync());
    }

    [Fact]
    public async Task ACallbackReimportedWithAChangedSatisfactionOpensItsItem()
    {
        var version = new DataVersion(_database.Factory);
        using var queue = _database.FollowUpDerivation(version);
        await ImportAsync(version, "tickets.csv", TicketHeader, ["GD1", "2026-11-02 09:00", "王芳"], ["GD2", "2026-11-03 09:00", "李强"]);
        await ImportAsync(version, "callbacks.csv", CallbackHeader,
            ["HF1", "GD1", "2026-11-12 10:00", "是", "是", "满意", "王芳"],
            ["HF2", "GD2", "2026-11-13 10:00", "是", "是", "非常满意", "李强"]);
        await queue.IdleAsync();
        Assert.Empty(await KeysAsync());

        var again = await ImportAsync(version, "callbacks-corrected.csv", CallbackHeader,
            ["HF1", "GD1", "2026-11-12 10:00", "是", "是", "非常不满意", "王芳"],
            ["HF2", "GD2", "2026-11-13 10:00", "是", "是", "非常满意", "李强"]);
        await queue.IdleAsync();

        Assert.Equal((1, 1), (again.Updated, again.Unchanged));
        Assert.Equal(["CALLBACK:HF1"], await KeysAsync());
    }

    [Fact]
    public async Task TheRecordsOfAnImportStillRunningWaitUntilItHasEnded()
    {
        await using (var db = _database.Open())
        {
            var batch = new ImportBatch { FileName = "big.csv", UserName = "tester", Status = ImportStatus.Running, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            db.Callbacks.Add(new CallbackBuilder().No("HF-1").At("2026-11-10 10:00").Satisfaction(1).With(c => c.ImportBatchId = batch.Id).Build());
            db.Callbacks.Add(new CallbackBuilder().No("HF-2").At("2026-11-10 10:00").Satisfaction(1).Build());
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await _database.FollowUps().SyncAsync());
        Assert.Equal(["CALLBACK:HF-2"], await KeysAsync());

        await using (var db = _database.Open())
        {
            await db.ImportBatches.ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Committed));
        }

        Assert.Equal(1, await _database.FollowUps().SyncAsync());
        Assert.Equal(["CALLBACK:HF-1", "CALLBACK:HF-2"], await KeysAsync());
    }

    [Fact]
    public async Task WhileADerivationRunsTheReportPageSaysItIsUpdatingAndADownloadWaitsForIt()
    {
        await _database.AddAsync(new CallbackBuilder().No("HF-1").At("2026-11-10 10:00").Satisfaction(1).Build());
        using var queue = _database.FollowUpDerivation();
        var november = new ReportMonth(2026, 11);
        var report = new CallbackReportDefinition(new CallbackReportQuery(_database.Factory, _database.KpiCache(), SettingsOf(_database), TestClock.Shanghai,
            _database.FollowUps(), new DataVersion(_database.Factory)), SettingsOf(_database), queue, TestLocalizer.UseCulture("zh-CN"), TestClock.Shanghai);
        Assert.False((await report.LoadPageAsync(november, null)).Heading.FollowUpsUpdating);

        Task refresh;
        Task<ReportFile> download;
        using (WriteLock.Hold(_database))
        {
            // The derivation has read the callback and waits to save its item.
            refresh = queue.RefreshAsync();
            var page = await report.LoadPageAsync(november, null);
            download = report.ExportAsync(november, null, ExportFormat.Xlsx);
            await Task.Delay(300);

            Assert.True(queue.IsUpdating);
            Assert.True(page.Heading.FollowUpsUpdating);
            Assert.Empty(page.Report.FollowUps);
            Assert.False(download.IsCompleted);
        }

        await refresh;
        Assert.False(queue.IsUpdating);
        Assert.Equal(["CALLBACK:HF-1"], await KeysAsync());
        using var workbook = Workbook((await download).Content);
        Assert.Contains(workbook.Worksheet("整改跟踪").CellsUsed(), c => c.GetString() == "HF-1");
        Assert.False((await report.LoadPageAsync(november, null)).Heading.FollowUpsUpdating);
    }
}

/// <summary>A clock the test moves forward by hand.</summary>
public sealed class MovableTimeProvider(DateTime startUtc) : TimeProvider
{
    private DateTimeOffset _now = new(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc));

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>Holds SQLite's write lock on the test's file from another connection until disposed: a derivation's save waits.</summary>
public sealed class WriteLock : IDisposable
{
    private readonly SqliteConnection _connection;

    private WriteLock(SqliteConnection connection) => _connection = connection;

    public static WriteLock Hold(TestDatabase database)
    {
        var connection = new SqliteConnection(database.Settings.ConnectionString);
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return new WriteLock(connection);
    }

    public void Dispose()
    {
        using var rollback = _connection.CreateCommand();
        rollback.CommandText = "ROLLBACK;";
        rollback.ExecuteNonQuery();
        _connection.Dispose();
    }
}
