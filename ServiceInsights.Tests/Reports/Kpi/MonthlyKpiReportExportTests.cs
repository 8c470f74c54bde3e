using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.Reports.Kpi;
using static ServiceInsights.Tests.Exports.ReportExports;

namespace ServiceInsights.Tests.Reports.Kpi;

/// <summary>The monthly KPI report of 2026-10 on the seed data, written as PDF and Excel and read back with PdfPig and ClosedXML.</summary>
public sealed class MonthlyKpiReportExportTests(SeedReportsFixture seed) : IClassFixture<SeedReportsFixture>
{
    private async Task<MonthlyKpiReport> ModelAsync() =>
        await seed.Exports.KpiQuery.FromYearAsync(await seed.Exports.Cache.GetYearAsync(October, AsOf));

    [Fact]
    public async Task TheYearHoldsTheMonthInFullAndTheElevenBeforeItAsSummariesWithAFullRunsCounts()
    {
        var year = await seed.Exports.Cache.GetYearAsync(October, AsOf);
        var september = await seed.Exports.Cache.GetAsync(new ReportMonth(2026, 9), AsOf);

        Assert.Equal(12, year.Count);
        Assert.All(year.SkipLast(1), month => Assert.All(month.Results, rule => Assert.Empty(rule.Verdicts)));
        Assert.Same(await seed.Exports.Cache.GetAsync(October, AsOf), year[^1]);
        Assert.Contains(year[^1].Results, rule => rule.Verdicts.Count > 0);
        Assert.Contains(september.Results, rule => rule.Verdicts.Count > 0);
        Assert.Equal(september.Results.Select(r => (r.Id, r.Eligible, r.Met, r.Pending, r.Rate, r.Target.Chinese)),
            year[^2].Results.Select(r => (r.Id, r.Eligible, r.Met, r.Pending, r.Rate, r.Target.Chinese)));
    }

    [Fact]
    public async Task ThePdfCarriesTheTitleTheMonthEveryRuleWithItsChangeAndTheTrend()
    {
        var file = await seed.Exports.KpiExport("zh-CN").ExportAsync(October, AsOf, ExportFormat.Pdf);
        Dump(file, "zh");
        var report = await ModelAsync();
        using var pdf = OpenPdf(file);
        var text = Text(pdf);

        Assert.Equal("月度KPI报告-2026-10.pdf", file.FileName);
        Assert.Contains("月度KPI报告", PageText(pdf.GetPage(1)));
        Assert.Contains("2026年10月", PageText(pdf.GetPage(1)));
        Assert.Contains("近12个月达标率", text);
        Assert.Contains("客服考核（DP-1）", text);
        Assert.Contains("VIP客户分项", text);
        foreach (var rule in report.Rules)
        {
            Assert.Contains(MonthlyKpiColumns.RuleName(rule.Id, TestLocalizer.UseCulture("zh-CN")).Replace(" ", ""), text);
        }

        var l = TestLocalizer.UseCulture("zh-CN");
        var rated = report.Rules.First(r => r.ChangePoints is not null && r.Status != RateStatus.Small);
        Assert.Contains(KpiText.Rate(rated.TargetRate) + KpiText.Rate(rated.Rate) + KpiText.StatusText(rated.Status, rated.Eligible, l) +
                        $"{rated.Met:N0}{rated.Eligible:N0}{rated.Pending:N0}" + KpiText.Rate(rated.PreviousRate) + rated.ChangePoints!.Value.ToString("N1"), text);
        // A rule without eligible records says 无数据 in its rate, previous and change cells; a small sample says so.
        var empty = report.Rules.First(r => r.Rate is null);
        Assert.Contains($"{KpiText.Rate(empty.TargetRate)}无数据无数据00{empty.Pending:N0}", text);
        var small = report.Rules.First(r => r.Status == RateStatus.Small);
        Assert.Contains(KpiText.Rate(small.Rate) + $"样本少(n={small.Eligible})", text);
        Assert.Contains("颜色说明", text);
        // The settings come last; their list may run onto a page of its own.
        Assert.Contains("本报告采用的设置", PageText(pdf.GetPage(pdf.NumberOfPages - 1)) + PageText(pdf.GetPage(pdf.NumberOfPages)));
    }

    [Fact]
    public async Task EveryRuleOfTheWorkbookSummaryEqualsTheModelAndTheSheetsHaveARowPerRuleStaffAndVipRule()
    {
        var file = await seed.Exports.KpiExport("zh-CN").ExportAsync(October, AsOf, ExportFormat.Xlsx);
        Dump(file, "zh");
        var report = await ModelAsync();
        var l = TestLocalizer.UseCulture("zh-CN");
        using var workbook = Workbook(file);

        Assert.Equal(["汇总", "规则", "近12个月趋势", "客服考核", "VIP分项", "生效设置"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("汇总");
        Assert.Equal("月度KPI报告", summary.Cell("A2").GetString());
        foreach (var rule in report.Rules)
        {
            var row = summary.Row(FindRow(summary, MonthlyKpiColumns.RuleName(rule.Id, l)));
            if (rule.Rate is { } rate)
            {
                Assert.Equal(rate, row.Cell(2).GetDouble(), 9);
            }
            else
            {
                Assert.Equal("无数据", row.Cell(2).GetString());
                Assert.Equal("无数据", row.Cell(7).GetString());
            }

            // The rate is coloured against the rule's target: green met, amber near, red below, black on a small sample.
            var colour = row.Cell(2).Style.Font.FontColor;
            var expected = rule.Status switch
            {
                RateStatus.Met => "FF2E7D32",
                RateStatus.Near => "FFE07B00",
                RateStatus.Below => "FFC62828",
                _ => null,
            };
            if (expected is null)
            {
                Assert.False(row.Cell(2).Style.Font.Bold, rule.Id);
            }
            else
            {
                Assert.Equal(expected, colour.Color.ToArgb().ToString("X8"));
            }

            Assert.Equal(rule.Target.Chinese, row.Cell(3).GetString());
            Assert.Equal([rule.Met, rule.Eligible, rule.Pending], [(int)row.Cell(4).GetDouble(), (int)row.Cell(5).GetDouble(), (int)row.Cell(6).GetDouble()]);
            if (rule.ChangePoints is { } points)
            {
                Assert.Equal(points, Math.Round(row.Cell(7).GetDouble() * 100, 1), 9);
                Assert.Equal("0.0%", row.Cell(7).Style.NumberFormat.Format);
            }
        }

        var trend = workbook.Worksheet("近12个月趋势");
        Assert.Equal(report.Rules.Count + 1, trend.LastRowUsed().RowNumber());
        Assert.Equal(["规则", "目标值", .. report.Months.Select(m => m.ToString())], trend.Row(1).CellsUsed().Select(c => c.GetString()));
        var trendRow = report.Rules.Select((r, i) => (r, i)).First(x => x.r.Trend[^1] is not null);
        Assert.Equal(trendRow.r.Trend[^1]!.Value, trend.Cell(trendRow.i + 2, 14).GetDouble(), 9);
        Assert.Equal(0.95, trend.Cell(trendRow.i + 2, 2).GetDouble(), 9);
        Assert.Equal("0.0%", trend.Cell(trendRow.i + 2, 14).Style.NumberFormat.Format);
        var emptyMonth = report.Rules.Select((r, i) => (r, i)).First(x => x.r.Trend[0] is null);
        Assert.Equal("无数据", trend.Cell(emptyMonth.i + 2, 3).GetString());
        var rules = workbook.Worksheet("规则");
        Assert.Equal(("目标值", "对比目标值"), (rules.Cell(1, 3).GetString(), rules.Cell(1, 5).GetString()));
        var smallRow = report.Rules.Select((r, i) => (r, i)).First(x => x.r.Status == RateStatus.Small);
        Assert.Equal($"样本少 (n = {smallRow.r.Eligible})", rules.Cell(smallRow.i + 2, 5).GetString());
        Assert.True(report.Staff.Count > 0, "the seed month has staff");
        Assert.Equal(report.Staff.Count + 1, workbook.Worksheet("客服考核").LastRowUsed().RowNumber());
        Assert.Equal(MonthlyKpiColumns.VipRows(report).Count + 1, workbook.Worksheet("VIP分项").LastRowUsed().RowNumber());
        Assert.Equal(report.Rules.Count + 1, workbook.Worksheet("规则").LastRowUsed().RowNumber());
    }

    [Fact]
    public async Task InEnglishTheRulesWordingGetsAColumnWideEnoughForWholePhrases()
    {
        var file = await seed.Exports.KpiExport("en-US").ExportAsync(October, AsOf, ExportFormat.Pdf);
        using var pdf = OpenPdf(file);

        // CS-3d's wording, "a phone callback within 7 days of resolution": the column once held about 8 characters a line.
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).ToList();
        var start = words.FindIndex(w => w.Text == "phone" && words.IndexOf(w) + 3 < words.Count && words[words.IndexOf(w) + 1].Text == "callback");
        Assert.True(start > 0, "the CS-3d wording is in the PDF");
        var line = words.Skip(start - 1).Take(6).ToList(); // a phone callback within 7 days
        Assert.Equal(["a", "phone", "callback", "within", "7", "days"], line.Select(w => w.Text));
        Assert.All(line, w => Assert.Equal(line[0].BoundingBox.Bottom, w.BoundingBox.Bottom, 1));
    }

    [Fact]
    public async Task InEnglishTheTitleAndSheetsAreEnglish()
    {
        var pdfFile = await seed.Exports.KpiExport("en-US").ExportAsync(October, AsOf, ExportFormat.Pdf);
        var xlsxFile = await seed.Exports.KpiExport("en-US").ExportAsync(October, AsOf, ExportFormat.Xlsx);
        Dump(pdfFile, "en");
        Dump(xlsxFile, "en");

        Assert.Equal("kpi-report-2026-10.xlsx", xlsxFile.FileName);
        using var pdf = OpenPdf(pdfFile);
        Assert.Contains("MonthlyKPIreport", PageText(pdf.GetPage(1)));
        using var workbook = Workbook(xlsxFile);
        Assert.Equal(["Summary", "Rules", "12-month trend", "Staff", "VIP", "Settings in force"], workbook.Worksheets.Select(s => s.Name));
    }
}

/// <summary>The KPI export takes the twelve months from the KPI cache, as the page does.</summary>
public sealed class MonthlyKpiReportExportCacheTests : IDisposable
{
    private readonly ReportExports _exports = new();

    public void Dispose() => _exports.Dispose();

    [Fact]
    public async Task ASecondDownloadReusesTheCachedYearInsteadOfRecomputingIt()
    {
        await _exports.Database.MigrateAsync();
        await _exports.Database.AddAsync(new TicketBuilder().No("GD-1").Staff("张敏").ReceivedAt("2026-10-12 10:00").Build());
        var asOf = new DateTime(2026, 11, 27, 0, 0, 0);
        var first = await _exports.KpiExport("zh-CN").ExportAsync(ReportExports.October, asOf, ExportFormat.Xlsx);

        // Written behind the cache's back (no DataVersion bump): a recomputed year would count it.
        await _exports.Database.AddAsync(new TicketBuilder().No("GD-2").Staff("李强").ReceivedAt("2026-10-13 10:00").Build());
        var second = await _exports.KpiExport("zh-CN").ExportAsync(ReportExports.October, asOf, ExportFormat.Xlsx);
        var recomputed = await _exports.KpiQuery.RunAsync(ReportExports.October, asOf);

        using var a = Workbook(first);
        using var b = Workbook(second);
        Assert.Equal(2, a.Worksheet("客服考核").LastRowUsed().RowNumber());
        Assert.Equal(2, b.Worksheet("客服考核").LastRowUsed().RowNumber());
        Assert.Equal(2, recomputed.Staff.Count);
    }
}

/// <summary>The DP-1 staff table of the KPI report on records made with the builders.</summary>
public sealed class MonthlyKpiStaffTableTests : IDisposable
{
    private readonly ReportExports _exports = new();

    public void Dispose() => _exports.Dispose();

    [Fact]
    public async Task AStaffRateOnASmallSampleSaysSoBesideTheRateInThePdfAndTheWorkbook()
    {
        await _exports.Database.MigrateAsync();
        // 张敏 takes two tickets (a small sample on every rule), 李强 six.
        for (var i = 1; i <= 8; i++)
        {
            await _exports.Database.AddAsync(new TicketBuilder().No($"GD-{i}").Staff(i <= 2 ? "张敏" : "李强").ReceivedAt($"2026-10-{10 + i} 10:00").Build());
        }

        var asOf = new DateTime(2026, 11, 27, 0, 0, 0);
        var report = await _exports.KpiQuery.RunAsync(ReportExports.October, asOf);
        var smalls = report.Staff.SelectMany(s => StaffScorecard.RuleIds.Where(id => s.StatusOf(id) == RateStatus.Small).Select(id => (Staff: s, Id: id))).ToList();
        Assert.True(smalls.Count > 0, "张敏's rates rest on a small sample");
        var (staff, id) = smalls.First(x => x.Staff.Staff.Length > 0);
        var row = staff.Rules[id];
        var column = 3 + StaffScorecard.RuleIds.ToList().IndexOf(id);

        foreach (var (language, words) in new[] { ("zh-CN", $"样本少 (n = {row.Eligible})"), ("en-US", $"small sample (n = {row.Eligible})") })
        {
            using var workbook = Workbook(await _exports.KpiExport(language).ExportAsync(ReportExports.October, asOf, ExportFormat.Xlsx));
            var sheet = workbook.Worksheet(language == "zh-CN" ? "客服考核" : "Staff");
            var cell = sheet.Cell(FindRow(sheet, staff.Staff), column);
            Assert.Equal(id, sheet.Cell(1, column).GetString());
            Assert.Equal($"{KpiText.Rate(row.Rate)} {words}", cell.GetString());
            Assert.False(cell.Style.Font.Bold, "a small sample is not coloured");
        }

        // A rate on enough records stays a number.
        var (ratedStaff, ratedId) = report.Staff.SelectMany(s => StaffScorecard.RuleIds.Where(i => s.StatusOf(i) is RateStatus.Met or RateStatus.Near or RateStatus.Below)
            .Select(i => (s, i))).First(x => x.s.Staff.Length > 0);
        using (var workbook = Workbook(await _exports.KpiExport("zh-CN").ExportAsync(ReportExports.October, asOf, ExportFormat.Xlsx)))
        {
            var sheet = workbook.Worksheet("客服考核");
            Assert.Equal(ratedStaff.Rules[ratedId].Rate!.Value, sheet.Cell(FindRow(sheet, ratedStaff.Staff), 3 + StaffScorecard.RuleIds.ToList().IndexOf(ratedId)).GetDouble(), 9);
        }

        // The PDF's staff table (between its heading and the VIP table's) writes each small sample's rate with its words.
        using var pdf = OpenPdf(await _exports.KpiExport("zh-CN").ExportAsync(ReportExports.October, asOf, ExportFormat.Pdf));
        var text = Text(pdf);
        var start = text.LastIndexOf("客服考核（DP-1）", StringComparison.Ordinal);
        var table = text[start..text.IndexOf("VIP客户分项", start, StringComparison.Ordinal)];
        Assert.Equal(smalls.Count, table.Split("样本少(n=").Length - 1);
        Assert.All(smalls, x => Assert.Contains(KpiText.Rate(x.Staff.Rules[x.Id].Rate) + $"样本少(n={x.Staff.Rules[x.Id].Eligible})", table));
    }
}

/// <summary>
/// The year's months live <see cref="KpiCache.Lifetime"/> from the year's completion, not from each month's own run: a
/// cold year on a large database takes longer than the lifetime, and its first months must not be gone when it is done.
/// </summary>
public sealed class KpiYearCacheLifetimeTests : IDisposable
{
    private readonly ManualClock _clock = new() { UtcNow = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero) };
    private readonly TestDatabase _database = new();
    private readonly MemoryCache _memory;
    private readonly KpiCache _cache;

    public KpiYearCacheLifetimeTests()
    {
        _memory = new MemoryCache(new MemoryCacheOptions { Clock = _clock });
        var settings = new SettingsStore(_database.Factory, TestClock.Shanghai);
        var kpi = new KpiService(new MetricQuery(_database.Factory, TestClock.Shanghai), settings, TestClock.Shanghai);
        _cache = new KpiCache(kpi, _memory, TestClock.Shanghai, new DataVersion(_database.Factory));
    }

    public void Dispose()
    {
        _memory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task TheMonthsOfAYearLiveTheLifetimeFromTheYearsCompletion()
    {
        await _database.MigrateAsync();
        var asOf = new DateTime(2026, 11, 27, 0, 0, 0);
        var first = await _cache.GetYearAsync(ReportExports.October, asOf);

        // Three quarters of the lifetime on, the year is asked for again (all from the cache), and as long again later
        // every month is still there: one and a half lifetimes after the months were computed.
        _clock.UtcNow += KpiCache.Lifetime * 0.75;
        Assert.Equal(first, await _cache.GetYearAsync(ReportExports.October, asOf));
        _clock.UtcNow += KpiCache.Lifetime * 0.75;
        foreach (var report in first)
        {
            var key = _cache.KeyOf(report.Month, asOf) with { Summary = report.Month != ReportExports.October };
            Assert.True(_memory.TryGetValue(key, out KpiReport? cached), report.Month.ToString());
            Assert.Same(report, cached);
        }
    }

#pragma warning disable CS0618 // MemoryCacheOptions.Clock takes the ISystemClock.
    private sealed class ManualClock : Microsoft.Extensions.Internal.ISystemClock
#pragma warning restore CS0618
    {
        public DateTimeOffset UtcNow { get; set; }
    }
}
