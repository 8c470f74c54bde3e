using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Records;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Kpi;

namespace ServiceInsights.Tests.Components.Pages.Kpi;

/// <summary>The KPI card (with its comment) and its drill-down, from a result built by hand (zh-CN).</summary>
public sealed class KpiComponentTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    private static readonly MetricResult Result = new("CS-3a", MetricGroup.CS, Eligible: 4, Met: 3, Pending: 1, Rate: 0.75,
        new BilingualText("≤ 60 个工作分钟（VIP ≤ 30）", "≤ 60 business minutes (VIP ≤ 30)"),
        [
            new RecordVerdict("GD-1", "张丽", "TDR-300", false, Verdict.Met, new("已响应", "Responded")),
            new RecordVerdict("GD-2", "王芳", "TPCB-III-A", true, Verdict.Missed, new("首次响应用时 95 个工作分钟，超过 30", "First response after 95 business minutes, over 30")),
            new RecordVerdict("GD-3", "张丽", "TDR-300", false, Verdict.Pending, new("尚未响应，截止 2026-11-28 10:00", "Not responded yet, due 2026-11-28 10:00")),
            new RecordVerdict("GD-4", "张丽", "TDR-300", false, Verdict.Met, new("已响应", "Responded")),
            new RecordVerdict("GD-5", "王芳", "TDR-300", false, Verdict.Met, new("已响应", "Responded")),
        ]);

    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton(new RecordDetailQuery(_database.Factory, TestClock.Shanghai));

    async Task IAsyncLifetime.InitializeAsync() => await _database.MigrateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public void CardShowsRateCountsChangeAndTargetInChinese()
    {
        RenderPopoverProvider();
        var card = Render<KpiCard>(p => p
            .Add(c => c.Result, Result)
            .Add(c => c.Status, RateStatus.Small)
            .Add(c => c.TargetRate, 0.95)
            .Add(c => c.History, [0.5, null, 0.8, 0.75])
            .Add(c => c.Months, [new ReportMonth(2026, 7), new ReportMonth(2026, 8), new ReportMonth(2026, 9), new ReportMonth(2026, 10)]));

        Assert.Equal("75.0%", card.Find("[data-testid=kpi-rate]").TextContent.Trim());
        Assert.Contains("达标 3 / 4", card.Find("[data-testid=kpi-counts]").TextContent);
        Assert.Contains("未到期 1", card.Find("[data-testid=kpi-counts]").TextContent);
        Assert.Equal("较上月 ▼ 5.0 个百分点", card.Find("[data-testid=kpi-change]").TextContent.Trim());
        Assert.Equal("目标：≤ 60 个工作分钟（VIP ≤ 30）", card.Find("[data-testid=kpi-target]").TextContent.Trim());
        Assert.Contains("1 小时响应", card.Markup);
    }

    [Fact]
    public void BreakdownsSplitTheResultByStaffModelAndVip()
    {
        var breakdowns = Render<KpiBreakdowns>(p => p.Add(c => c.Result, Result));

        Assert.Equal(["按客服", "按型号", "VIP"], breakdowns.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        string Cells(string group, int tab)
        {
            breakdowns.FindAll(".mud-tab")[tab].Click();
            var row = breakdowns.Find("[data-testid=breakdown-table]").QuerySelector($"[data-group='{group}']")!;
            return string.Join("|", row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        }

        Assert.Equal("张丽|100.0%|2 / 2|1", Cells("张丽", 0));
        Assert.Equal("王芳|50.0%|1 / 2|0", Cells("王芳", 0));
        Assert.Equal("TDR-300|100.0%|3 / 3|1", Cells("TDR-300", 1));
        Assert.Equal("VIP|0.0%|0 / 1|0", Cells("VIP", 2));
        Assert.Equal("非 VIP|100.0%|3 / 3|1", Cells("", 2));
    }

    [Theory]
    [InlineData(RateStatus.Met, "mud-success-text")]
    [InlineData(RateStatus.Near, "mud-warning-text")]
    [InlineData(RateStatus.Below, "mud-error-text")]
    public void CardColoursTheRateAgainstItsTargetAndShowsTheTargetRateBesideIt(RateStatus status, string colour)
    {
        var card = Render<KpiCard>(p => p.Add(c => c.Result, Result).Add(c => c.Status, status).Add(c => c.TargetRate, 0.925));

        var rate = card.Find("[data-testid=kpi-rate]");
        Assert.Contains(colour, rate.ClassList);
        Assert.Equal("75.0%", rate.TextContent.Trim());
        Assert.Equal("目标值 92.5%", card.Find("[data-testid=kpi-target-rate]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=kpi-small-sample]"));
        // The rule's wording stays as its definition.
        Assert.Equal("目标：≤ 60 个工作分钟（VIP ≤ 30）", card.Find("[data-testid=kpi-target]").TextContent.Trim());
    }

    [Fact]
    public void CardOnASmallSampleHasNoColourAndSaysSo()
    {
        var card = Render<KpiCard>(p => p.Add(c => c.Result, Result).Add(c => c.Status, RateStatus.Small).Add(c => c.TargetRate, 0.95));

        var rate = card.Find("[data-testid=kpi-rate]");
        Assert.DoesNotContain(rate.ClassList, c => c is "mud-success-text" or "mud-warning-text" or "mud-error-text");
        Assert.Equal("样本少 (n = 4)", card.Find("[data-testid=kpi-small-sample]").TextContent.Trim());
        Assert.Equal("目标值 95%", card.Find("[data-testid=kpi-target-rate]").TextContent.Trim());
    }

    [Fact]
    public void CardWithoutEligibleRecordsSaysNoData()
    {
        var empty = Result with { Eligible = 0, Met = 0, Pending = 0, Rate = null, Verdicts = [] };
        var card = Render<KpiCard>(p => p.Add(c => c.Result, empty).Add(c => c.Status, RateStatus.None).Add(c => c.TargetRate, 0.95));

        Assert.Equal("无数据", card.Find("[data-testid=kpi-rate]").TextContent.Trim());
        Assert.Contains("本月无应考核记录", card.Find("[data-testid=kpi-counts]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=kpi-change]"));
    }

    [Fact]
    public void DrillDownListsTheMissedThenThePendingRecordsWithTheirReasons()
    {
        RenderPopoverProvider();
        var drill = Render<KpiDrillDown>(p => p.Add(c => c.Result, Result));

        var keys = drill.FindAll("[data-testid=drill-key]").Select(k => k.TextContent.Trim()).ToList();
        Assert.Equal(["GD-2", "GD-3"], keys);
        var reasons = drill.FindAll("[data-testid=drill-reason]").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(["首次响应用时 95 个工作分钟，超过 30", "尚未响应，截止 2026-11-28 10:00"], reasons);
        Assert.Contains("未达标", drill.Markup);
        Assert.Contains("王芳", drill.Markup);
    }

    [Fact]
    public void AVerdictOpensItsRecordAndARepairDayItsRepair()
    {
        Assert.Equal(new RecordRef(Data.Import.RecordKind.Tickets, "GD-2"), KpiText.RecordOf("CS-3a", "GD-2"));
        Assert.Equal(new RecordRef(Data.Import.RecordKind.Repairs, "WX-1"), KpiText.RecordOf("CS-4c", "WX-1 2026-10-05"));
        Assert.Equal(new RecordRef(Data.Import.RecordKind.Callbacks, "HF-1"), KpiText.RecordOf("CS-7c", "HF-1"));
    }

    [Fact]
    public void BreakdownListsTheWeakestFirst()
    {
        var breakdowns = Render<KpiBreakdowns>(p => p.Add(c => c.Result, Result));

        var staff = breakdowns.Find("[data-testid=breakdown-table]").QuerySelectorAll("[data-testid=breakdown-row]").Select(r => r.GetAttribute("data-group"));
        Assert.Equal(["王芳", "张丽"], staff); // 50 % before 100 %, though 张 sorts before 王 by name
    }

    [Fact]
    public void DrillDownShowsTheBreakdownBeforeTheRecords()
    {
        RenderPopoverProvider();
        var drill = Render<KpiDrillDown>(p => p.Add(c => c.Result, Result));

        var markup = drill.Markup;
        Assert.True(markup.IndexOf("drill-breakdowns", StringComparison.Ordinal) < markup.IndexOf("drill-table", StringComparison.Ordinal));
    }

    [Fact]
    public void EscapeClosesTheDrillDown()
    {
        RenderPopoverProvider();
        var closed = 0;
        var drill = Render<KpiDrillDown>(p => p.Add(c => c.Result, Result).Add(c => c.OnClose, () => closed++));

        drill.Find("[data-testid=drill-panel]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(0, closed);
        drill.Find("[data-testid=drill-panel]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Equal(1, closed);
    }

    [Fact]
    public void TheKpiCardShowsTheCommentAndWhetherItCameAfterTheClose()
    {
        var result = new MetricResult("CS-3a", MetricGroup.CS, 10, 7, 0, 0.7, new BilingualText("两小时内响应", "Respond within 2 hours"), []);
        var comment = new KpiCommentView(1, new ReportMonth(2026, 10), "CS-3a", "周末工单无人响应", "周末安排值班", "u-li", "李强", new DateOnly(2026, 11, 30),
            TestClock.Local("2026-11-05 10:00"), "王建国", 1);

        var card = Render<KpiCard>(p => p.Add(c => c.Result, result).Add(c => c.Status, RateStatus.Below).Add(c => c.TargetRate, 0.95)
            .Add(c => c.Comment, comment).Add(c => c.CommentAfterClose, true));

        Assert.Contains("周末工单无人响应", card.Find("[data-testid=kpi-comment-cause]").TextContent);
        Assert.Contains("周末安排值班", card.Find("[data-testid=kpi-comment-action]").TextContent);
        Assert.Contains("负责人 李强 · 期限 2026-11-30", card.Find("[data-testid=kpi-comment-owner]").TextContent);
        Assert.Contains("定版后填写", card.Find("[data-testid=kpi-comment]").TextContent);
        Assert.Empty(Render<KpiCard>(p => p.Add(c => c.Result, result).Add(c => c.Status, RateStatus.Below).Add(c => c.TargetRate, 0.95)).FindAll("[data-testid=kpi-comment]"));
    }
}
