using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Summaries;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using ServiceInsights.Web.MonthClose;
using ServiceInsights.Web.Summaries;

namespace ServiceInsights.Tests.Summaries;

/// <summary>
/// The stored monthly summaries behind the trends, in the real app: a page does not wait for a month not computed yet and
/// says "正在更新"; the queue stores what the engine computes; an import moves the source and the month is recomputed; a
/// download waits for missing months; a closed month's trend figures are its frozen ones.
/// </summary>
public sealed class MonthSummariesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private T Get<T>() where T : notnull => app.Factory.Services.GetRequiredService<T>();

    [Fact]
    public async Task TheTrendReadsStoredSummariesRecomputedInTheBackgroundAfterAnImport()
    {
        using var manager = await app.Factory.SignInAsync(AppRoles.Manager);
        using var folder = new TempFolder();
        await ImportAsync(folder, "first.csv", ["GD-S1", "2026-09-10 09:00", "张丽"], ["GD-S2", "2026-10-12 09:00", "王芳"]);
        var september = new ReportMonth(2026, 9);

        var cold = WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2026-10"));
        Assert.Contains("data-testid=\"trend-updating\"", cold);
        await Get<MonthSummaryQueue>().IdleAsync();

        var stored = (await Get<MonthSummaryStore>().ReadAsync([september]))[september];
        var engine = await Get<KpiService>().SummarizeAsync(september);
        Assert.Equal(engine.Results.Select(r => (r.Id, r.Eligible, r.Met, r.Pending)), stored.Report.Results.Select(r => (r.Id, r.Eligible, r.Met, r.Pending)));
        Assert.Equal(await Get<MonthSummaryStore>().SourceAsync(), stored.Source);
        Assert.Equal(1, stored.Report["CS-2"].Eligible + stored.Report["CS-2"].Pending);
        var warm = WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2026-10"));
        Assert.DoesNotContain("data-testid=\"trend-updating\"", warm);

        // A later import moves the source: the poll sends every stored open month back to the queue.
        await Get<MonthSummaryQueue>().CheckSourceAsync();
        await ImportAsync(folder, "late.csv", ["GD-S3", "2026-09-11 09:00", "张丽"]);
        Assert.Contains("data-testid=\"trend-updating\"", WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2026-10")));
        await Get<MonthSummaryQueue>().CheckSourceAsync();
        await Get<MonthSummaryQueue>().IdleAsync();
        var recomputed = (await Get<MonthSummaryStore>().ReadAsync([september]))[september];
        Assert.Equal(2, recomputed.Report["CS-2"].Eligible + recomputed.Report["CS-2"].Pending);
        Assert.Equal(await Get<MonthSummaryStore>().SourceAsync(), recomputed.Source);
    }

    [Fact]
    public async Task ADownloadWaitsForMissingMonthsAndAClosedMonthsTrendIsFrozen()
    {
        using var manager = await app.Factory.SignInAsync(AppRoles.Manager);
        await app.Factory.AddRecordsAsync(new TicketBuilder().No("GD-S9").ReceivedAt("2026-03-10 09:00").Build());
        var march = new ReportMonth(2026, 3);
        await Get<MonthCloser>().CloseAsync(march, new MonthCloseActor("manager@serviceinsights.local", [AppRoles.Manager]));
        // After the close, a record the frozen March does not count.
        await app.Factory.AddRecordsAsync(new TicketBuilder().No("GD-S10").ReceivedAt("2026-03-11 09:00").Build());

        var year = await Get<MonthSummaries>().YearAsync(new ReportMonth(2026, 5), null, waitForMissing: true);

        Assert.Equal(12, year.Reports.Count);
        Assert.Equal(new ReportMonth(2026, 5), year.Reports[^1].Month);
        var marchInTrend = year.Reports.Single(r => r.Month == march);
        var frozen = (await Get<MonthArchive>().FrozenAsync(march))!.Report;
        Assert.Equal(frozen["CS-2"].Eligible + frozen["CS-2"].Pending, marchInTrend["CS-2"].Eligible + marchInTrend["CS-2"].Pending);
        Assert.Equal(1, marchInTrend["CS-2"].Eligible + marchInTrend["CS-2"].Pending);
        // Every open month of the trend was stored before the download went on (none left empty).
        var open = year.Reports.SkipLast(1).Select(r => r.Month).Where(m => m != march).ToList();
        Assert.Equal(open.Count, (await Get<MonthSummaryStore>().ReadAsync(open)).Count);
    }

    [Fact]
    public async Task ADownloadAfterAnImportWaitsForTheMonthsItMadeStale()
    {
        using var folder = new TempFolder();
        await ImportAsync(folder, "before.csv", ["GD-D1", "2026-07-10 09:00", "张丽"]);
        var july = new ReportMonth(2026, 7);
        var august = new ReportMonth(2026, 8);
        await Get<MonthSummaries>().YearAsync(august, null, waitForMissing: true); // July stored from the first import
        Assert.Equal(1, Counted((await Get<MonthSummaryStore>().ReadAsync([july]))[july].Report));

        await ImportAsync(folder, "later.csv", ["GD-D2", "2026-07-11 09:00", "王芳"]);
        var year = await Get<MonthSummaries>().YearAsync(august, null, waitForMissing: true);

        // The file counts the later import's July ticket; it does not print July as stored before it.
        Assert.Equal(2, Counted(year.Reports.Single(r => r.Month == july)));
        Assert.Empty(year.Computing);
    }

    private static int Counted(KpiReport report) => report["CS-2"].Eligible + report["CS-2"].Pending;

    [Fact]
    public async Task AMonthWithoutStoredFiguresIsNamedAsBeingComputedNotAsAGap()
    {
        using var manager = await app.Factory.SignInAsync(AppRoles.Manager);
        await app.Factory.AddRecordsAsync(new TicketBuilder().No("GD-S20").ReceivedAt("2025-06-10 09:00").Build());
        var june = new ReportMonth(2025, 6);

        // No month before June 2025 is stored yet: the eleven are being computed, and the trend says so. The write lock is
        // held meanwhile, so the queue (on the thread pool) cannot store them before the page has been read.
        await using (var hold = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.Factory.DatabaseFile};Pooling=False"))
        {
            await hold.OpenAsync();
            await using (var begin = hold.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            var cold = await Get<MonthSummaries>().YearAsync(june, null, waitForMissing: false);
            Assert.True(cold.Updating);
            Assert.Equal(cold.Reports.SkipLast(1).Select(r => r.Month), cold.Computing);
            Assert.Contains("正在计算", WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2025-06")));
        }

        // Once stored, the same months hold no data (no record before June): a gap, no longer 正在计算.
        await Get<MonthSummaryQueue>().IdleAsync();
        var warm = await Get<MonthSummaries>().YearAsync(june, null, waitForMissing: false);
        Assert.Empty(warm.Computing);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2025-06"));
        Assert.DoesNotContain("正在计算", page);
        Assert.Contains("断开：当月无数据", page);
    }

    private async Task ImportAsync(TempFolder folder, string name, params string[][] rows)
    {
        var csv = ImportFileBuilder.Csv(folder, name, ImportFileBuilder.Utf8, [["工单号", "来电时间", "客服"], .. rows]);
        var result = await Get<ImportService>().ImportAsync(csv, name, new ImportOptions(UserName: "test"));
        Assert.True(result.Clean, result.FatalError);
    }
}
