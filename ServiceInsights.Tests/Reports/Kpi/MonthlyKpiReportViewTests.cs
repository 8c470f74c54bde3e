using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Reports.Kpi;

namespace ServiceInsights.Tests.Reports.Kpi;

/// <summary>The monthly KPI report's view renders its summary from a model built by hand (zh-CN).</summary>
public sealed class MonthlyKpiReportViewTests : MudTestContext
{
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
