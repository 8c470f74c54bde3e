using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Reports;

using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Kpi;
using ServiceInsights.Web.Reports.Repairs;

namespace ServiceInsights.Tests.Components;

/// <summary>The repair turnaround and monthly KPI report views render their summary from a model built by hand (zh-CN).</summary>
public sealed class RepairAndKpiReportViewTests : MudTestContext
{
    private static readonly BilingualText Reason = new("原因", "reason");

    private static MetricResult Result(string id, params Verdict[] verdicts) =>
        MetricResult.From(MetricCatalog.Find(id), SlaSettings.Defaults,
            [.. verdicts.Select((v, i) => new RecordVerdict($"R-{i + 1}", "张敏", "M-A", i == 0, v, Reason))]);

    private static RepairTurnaroundRow Row(string no, Origin? origin, int days, bool open, Verdict? turnaround) =>
        new(no, "GD-1", "甲公司", "虫情测报灯", "M-A", origin, "张敏", false, new DateTime(2026, 10, 12, 10, 0, 0), null, null,
            open ? null : new DateTime(2026, 10, 16, 16, 0, 0), null, null, days, "电源故障", Verdict.Met, turnaround, Reason, 2, 1);

    private static RepairTurnaroundReport RepairReport(IReadOnlyList<int>? unknownYears = null) => new(
        new ReportMonth(2026, 10), new DateTime(2026, 11, 27), unknownYears is null, unknownYears ?? [], SlaSettings.Defaults,
        Result("CS-4a", Verdict.Met, Verdict.Met, Verdict.Missed),
        Result("CS-4b", Verdict.Met, Verdict.Met, Verdict.Met, Verdict.Missed, Verdict.Pending),
        Result("CS-4c", Verdict.Met, Verdict.Missed),
        new RepairSameDaySteps(3, 3, 3, 2),
        [new RepairOriginRow(Origin.SelfMade, 5, 4, 3, 2, 1, 2 / 3.0, 3), new RepairOriginRow(Origin.Purchased, 10, 1, 1, 1, 0, 1, 6),
            new RepairOriginRow(Origin.Imported, null, 0, 0, 0, 0, null, null)],
        [new RepairModelRow("M-A", 5, 4, 3, 1, 0.75, 4)],
        new RepairDaysDistribution(4, 3.5, 6, 6, [new RepairDaysBucket(0, 0, 1), new RepairDaysBucket(1, 1, 3)]),
        [
                new RepairOpenRow("R-4", "GD-1", "甲公司", "M-A", "张敏", Origin.SelfMade, new DateTime(2026, 10, 12, 10, 0, 0), 8, 5, null, 3, true, Reason),
                new RepairOpenRow("R-SEP", "GD-1", "甲公司", "M-A", "张敏", Origin.Purchased, new DateTime(2026, 9, 30, 10, 0, 0), 6, 10, null, 0, false, Reason),
            ],
        [new RepairStatusGapRow("R-2", "M-A", "张敏", false, 2, 1, [new DateOnly(2026, 10, 14)])],
        [new FaultCauseRow("电源故障", 3), new FaultCauseRow("", 2)],
        [Row("R-1", Origin.SelfMade, 4, false, Verdict.Met), Row("R-2", Origin.SelfMade, 3, false, Verdict.Met), Row("R-3", Origin.Purchased, 6, false, Verdict.Met),
            Row("R-4", Origin.SelfMade, 8, true, Verdict.Missed), Row("R-5", null, 1, true, null)]);

    private string Figure(IRenderedComponent<RepairTurnaroundView> view, string name) =>
        view.Find($"[data-figure='{name}'] [data-testid=summary-value]").TextContent.Trim();

    [Fact]
    public void RepairViewShowsTheSummaryFiguresOfTheModel()
    {
        RenderPopoverProvider();
        var view = Render<RepairTurnaroundView>(p => p.Add(c => c.Report, RepairReport()));

        Assert.Equal("5", Figure(view, "repairs"));
        Assert.Contains("已修复 3 · 未修复 2", view.Find("[data-figure=repairs]").TextContent);
        Assert.Equal("75.0%", Figure(view, "CS-4b"));
        Assert.Contains("达标 3 / 4", view.Find("[data-figure=CS-4b]").TextContent);
        Assert.Contains("未到期 1", view.Find("[data-figure=CS-4b]").TextContent);
        Assert.Equal("3.5 / 6", Figure(view, "days"));
        Assert.Equal("66.7%", Figure(view, "CS-4a"));
        Assert.Equal("50.0%", Figure(view, "CS-4c"));
        Assert.Equal("1", Figure(view, "overdue"));
    }

    [Fact]
    public void RepairViewListsOriginsOverdueRepairsCausesAndEveryRepair()
    {
        RenderPopoverProvider();
        var view = Render<RepairTurnaroundView>(p => p.Add(c => c.Report, RepairReport()));

        var origins = view.FindAll("[data-testid=origin-row]");
        Assert.Equal(["自产", "外购", "进口"], origins.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Contains("≤ 5 个工作日", origins[0].TextContent);
        Assert.Contains("按约定日期", origins[2].TextContent);
        // Every repair open at the as-of, whatever its month; only the overdue one's days over are red.
        Assert.Equal(["R-4", "R-SEP"], view.FindAll("[data-testid=overdue-row]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["2026-10", "2026-09"], view.FindAll("[data-testid=open-repair-month]").Select(e => e.TextContent.Trim()));
        var daysOver = view.FindAll("[data-testid=open-repair-days-over]");
        Assert.Equal(["3", "0"], daysOver.Select(e => e.TextContent.Trim()));
        Assert.Contains("mud-error-text", daysOver[0].ClassList);
        Assert.DoesNotContain("mud-error-text", daysOver[1].ClassList);
        Assert.Contains("截至时未修复（2，其中逾期 1）", view.Find("[data-testid=repair-overdue]").TextContent);
        Assert.Equal("R-2", Assert.Single(view.FindAll("[data-testid=status-gap-row]")).TextContent.Trim());
        Assert.Equal(["电源故障", ""], view.FindAll("[data-testid=fault-cause-row]").Select(r => r.GetAttribute("data-cause")));
        Assert.Equal(5, view.FindAll("[data-testid=detail-row]").Count);
        Assert.Contains("维修明细（5）", view.Find("[data-testid=repair-detail]").TextContent);
    }

    [Fact]
    public void ReportHeadingWarnsWhenAYearHasNoHolidayScheduleAndLinksTheDownloadsWithThePagesMonthAndAsOf()
    {
        var header = Render<ReportHeading>(p => p.Add(c => c.Title, "返厂维修周转报告").Add(c => c.Month, new ReportMonth(2026, 10))
            .Add(c => c.AsOf, new DateTime(2026, 11, 27, 0, 0, 0)).Add(c => c.UnknownYears, [2027])
            .Add(c => c.Report, RepairTurnaroundDefinition.Declared).Add(c => c.AsOfQuery, "2026-11-27T00:00"));

        Assert.Contains("2027", header.Find("[data-testid=report-calendar-warning]").TextContent);
        Assert.Equal("/reports/repairs/2026-10.pdf?asOf=2026-11-27T00%3A00", header.Find("[data-testid=download-pdf]").GetAttribute("href"));
        Assert.Equal("/reports/repairs/2026-10.xlsx?asOf=2026-11-27T00%3A00", header.Find("[data-testid=download-xlsx]").GetAttribute("href"));
        Assert.NotNull(header.Find("[data-testid=download-pdf]").GetAttribute("download"));
    }

    private static MonthlyKpiReport KpiReport()
    {
        var months = Enumerable.Range(0, 12).Select(i => ReportMonth.From(new DateOnly(2025, 11, 1).AddMonths(i))).ToList();
        var rules = MetricCatalog.All.Select(d => d.Id switch
        {
            "CS-1a" => new MonthlyKpiRow(d.Id, d.Group, d.Target(SlaSettings.Defaults), 8, 6, 2, 1, 0.75, 0.8, -5.0, [.. Enumerable.Repeat<double?>(0.8, 11), 0.75])
            {
                Status = RateStatus.Below,
                TrendStatus = [.. Enumerable.Repeat(RateStatus.Near, 11), RateStatus.Below],
            },
            "CS-2" => new MonthlyKpiRow(d.Id, d.Group, d.Target(SlaSettings.Defaults), 8, 8, 0, 0, 1.0, null, null, [.. Enumerable.Repeat<double?>(null, 11), 1.0])
            {
                Status = RateStatus.Met,
                TargetRate = 0.98,
                TrendStatus = [.. Enumerable.Repeat(RateStatus.None, 11), RateStatus.Met],
            },
            "CS-3a" => new MonthlyKpiRow(d.Id, d.Group, d.Target(SlaSettings.Defaults), 3, 2, 1, 0, 2 / 3.0, null, null, [.. Enumerable.Repeat<double?>(null, 11), 2 / 3.0])
            {
                Status = RateStatus.Small,
                TrendStatus = [.. Enumerable.Repeat(RateStatus.None, 11), RateStatus.Small],
            },
            _ => new MonthlyKpiRow(d.Id, d.Group, d.Target(SlaSettings.Defaults), 0, 0, 0, 0, null, null, null, [.. Enumerable.Repeat<double?>(null, 12)]),
        }).ToList();
        var staff = new StaffScorecard("张敏", 4, new Dictionary<string, MetricBreakdownRow>
        {
            ["CS-1a"] = new("张敏", 4, 3, 1, 0.75),
            ["CS-2"] = new("张敏", 6, 6, 0, 1.0),
        }, 1, new StaffSatisfaction(4.5, 2))
        {
            Statuses = new Dictionary<string, RateStatus> { ["CS-1a"] = RateStatus.Small, ["CS-2"] = RateStatus.Met },
        };
        return new MonthlyKpiReport(new ReportMonth(2026, 10), new DateTime(2026, 11, 27), true, [], SlaSettings.Defaults, months, rules, [staff],
            [.. MetricCatalog.All.Select(d => d.Id == "CS-1a"
                ? new MonthlyKpiVipRow(d.Id, new MetricBreakdownRow("VIP", 1, 1, 0, 1.0), new MetricBreakdownRow("", 3, 2, 1, 2 / 3.0))
                : new MonthlyKpiVipRow(d.Id, null, null))]);
    }

    [Fact]
    public void KpiReportViewShowsEveryRuleWithTargetRateChangeAndTheStaffAndVipTables()
    {
        RenderPopoverProvider();
        var view = Render<MonthlyKpiReportView>(p => p.Add(c => c.Report, KpiReport()));

        Assert.Equal("3 / 27", view.Find("[data-figure=rules] [data-testid=summary-value]").TextContent.Trim());
        Assert.Equal("1", view.Find("[data-figure=good] [data-testid=summary-value]").TextContent.Trim());
        Assert.Equal("0", view.Find("[data-figure=fair] [data-testid=summary-value]").TextContent.Trim());
        Assert.Equal("1", view.Find("[data-figure=poor] [data-testid=summary-value]").TextContent.Trim());
        Assert.Equal(27, view.FindAll("[data-testid=kpi-report-rule]").Count);
        var sms = view.Find("[data-testid=kpi-report-rule][data-rule=CS-1a]").TextContent;
        Assert.Contains("75.0%", sms);
        Assert.Contains("6 / 8", sms);
        Assert.Contains("80.0%", sms);
        Assert.Contains("▼ 5.0", sms);
        Assert.Contains(MetricCatalog.Find("CS-1a").Target(SlaSettings.Defaults).Chinese, sms);
        // Each rate is coloured against its own target rate, shown beside it; a small sample is not coloured and says so.
        Assert.Equal("95%", view.Find("[data-rule=CS-1a] [data-testid=rule-target-rate]").TextContent.Trim());
        Assert.Equal("98%", view.Find("[data-rule=CS-2] [data-testid=rule-target-rate]").TextContent.Trim());
        Assert.NotNull(view.Find("[data-rule=CS-1a] [data-testid=rule-rate] .mud-error-text"));
        Assert.NotNull(view.Find("[data-rule=CS-2] [data-testid=rule-rate] .mud-success-text"));
        var small = view.Find("[data-rule=CS-3a] [data-testid=rule-rate]");
        Assert.Contains("样本少 (n = 3)", small.TextContent);
        Assert.Empty(small.QuerySelectorAll(".mud-success-text, .mud-warning-text, .mud-error-text"));
        Assert.Contains("无数据", view.Find("[data-rule=CS-3b] [data-testid=rule-rate]").TextContent);
        Assert.Contains("颜色说明", view.Find("[data-testid=kpi-legend]").TextContent);
        var trend = view.Find("[data-testid=kpi-report-trend-row][data-rule=CS-1a]");
        Assert.Equal(["near", "below"], trend.QuerySelectorAll("td[data-status]").Skip(10).Select(td => td.GetAttribute("data-status")));
        Assert.Contains("无数据", view.Find("[data-testid=kpi-report-trend-row][data-rule=CS-2]").TextContent);
        var staffCells = view.Find("[data-testid=scorecard-row]");
        Assert.Contains("样本少 (n = 4)", staffCells.QuerySelector("td[data-rule=CS-1a]")!.TextContent);
        Assert.NotNull(staffCells.QuerySelector("td[data-rule=CS-2] .mud-success-text"));
        Assert.Equal(12, view.Find("[data-testid=kpi-report-trend-row][data-rule=CS-1a]").QuerySelectorAll("td").Length - 1);
        Assert.Equal("张敏", Assert.Single(view.FindAll("[data-testid=scorecard-row]")).GetAttribute("data-staff"));
        var vip = Assert.Single(view.FindAll("[data-testid=kpi-report-vip-row]"));
        Assert.Contains("100.0%", vip.TextContent);
        Assert.Contains("2 / 3", vip.TextContent);
    }
}
