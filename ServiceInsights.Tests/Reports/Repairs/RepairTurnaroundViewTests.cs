using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Reports.Repairs;

namespace ServiceInsights.Tests.Reports.Repairs;

/// <summary>The repair turnaround report's view renders its summary from a model built by hand (zh-CN).</summary>
public sealed class RepairTurnaroundViewTests : MudTestContext
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
    public void OnAPhoneEveryValueOfTheRepairTablesCarriesItsColumnsName()
    {
        RenderPopoverProvider();
        var view = Render<RepairTurnaroundView>(p => p.Add(c => c.Report, RepairReport()));

        // Below 600 px a MudTable row is a card of its values; each value's label is its data-label, which must be its header.
        foreach (var section in new[] { "repair-by-model", "repair-overdue", "repair-status-gaps", "repair-detail" })
        {
            var root = view.Find($"[data-testid={section}] table");
            var headers = root.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
            var rows = root.QuerySelectorAll("tbody tr");
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Equal(headers, row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label"))));
        }

        Assert.Equal("CS-4b", view.Find("[data-testid=repair-detail] tbody tr").QuerySelectorAll("td")[7].GetAttribute("data-label"));
    }
}
