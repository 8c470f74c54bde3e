using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Reports.Complaints;

namespace ServiceInsights.Tests.Reports.Complaints;

/// <summary>The complaint summary's view renders its summary from a model built by hand (zh-CN).</summary>
public sealed class ComplaintSummaryViewTests : MudTestContext
{
    private static readonly DateTime AsOf = new(2026, 11, 27, 0, 0, 0);

    private static MetricResult Rule(string id, int eligible, int met, int pending = 0, params RecordVerdict[] verdicts) =>
        new(id, MetricGroup.CS, eligible, met, pending, eligible == 0 ? null : (double)met / eligible, new BilingualText($"{id} 目标", $"{id} target"), verdicts);

    private static ComplaintRow Complaint(string no, int level, string reason, bool closed, int age, RecordVerdict? capa = null, bool? caseStudy = null) =>
        new(no, new(2026, 10, 8, 10, 0, 0), null, "荆州市农业局", "虫情测报灯", "TPCB-III", ComplaintSource.Customer, null, null,
            new ComplaintClass(level, new(reason, reason)), "灯管不亮", null, "上门更换", null, null, null, null, "灯管老化", "更换灯管", null, "李工",
            closed ? new(2026, 10, 15, 12, 0, 0) : null, caseStudy, "张敏", age, capa);

    private static ComplaintSummary Summary()
    {
        var rows = new List<ComplaintRow>
        {
            Complaint("TS-1", 2, "扬言外部投诉", closed: true, age: 7, new RecordVerdict("TS-1", null, null, false, Verdict.Met, new("齐全", "complete"))),
            Complaint("TS-2", 3, "已投诉至媒体", closed: false, age: 38, caseStudy: false),
            Complaint("TS-3", 1, "首次投诉", closed: false, age: 12),
        };
        return new ComplaintSummary(new ReportMonth(2026, 10), AsOf, true, SlaSettings.Defaults,
            [new(1, 1), new(2, 1), new(3, 1)],
            [new("虫情测报灯 TPCB-III", 3)], [new("灯管老化", 3)],
            [new(ComplaintSource.Customer, 3), new(ComplaintSource.SalesRelay, 0)],
            new ComplaintRules(Rule("CS-8b", 0, 0), Rule("CP-1", 2, 1), Rule("CP-2a", 3, 2), Rule("CP-2b", 3, 3), Rule("CP-2c", 1, 1), Rule("CP-2d", 1, 1), Rule("CP-2e", 0, 0)),
            [rows[1], rows[2], rows[2] with { ComplaintNo = "TS-SEP", ReceivedAt = new DateTime(2026, 9, 20, 10, 0, 0), DaysPastPromise = 3 }], [rows[1]], rows);
    }

    [Fact]
    public void ComplaintSummaryViewShowsClassesOpenItemsCapaAndCaseStudies()
    {
        RenderPopoverProvider();
        var view = Render<ComplaintSummaryView>(p => p.Add(c => c.Summary, Summary()));

        string Figure(string name) => view.Find($"[data-figure={name}] [data-testid=summary-value]").TextContent.Trim();
        Assert.Equal(("3", "1", "1", "1", "3", "100.0%"), (Figure("total"), Figure("class-1"), Figure("class-2"), Figure("class-3"), Figure("open"), Figure("capa")));
        Assert.Contains("最长 38 天", view.Find("[data-figure=open]").TextContent);
        Assert.Equal(["CP-1", "CP-2a", "CP-2b", "CP-2c", "CP-2d", "CP-2e"],
            view.Find("[data-testid=complaint-stages]").QuerySelectorAll("[data-testid=report-rule]").Select(e => e.GetAttribute("data-rule")));
        Assert.Equal(["三类投诉", "二类投诉"], view.FindAll("[data-testid=class-reason-row] td:first-child").Select(e => e.TextContent));
        Assert.Contains("已投诉至媒体", view.Find("[data-testid=complaint-classes]").TextContent);
        Assert.Equal(["38", "12", "12"], view.FindAll("[data-testid=open-age]").Select(e => e.TextContent.Trim()));
        // A complaint of an earlier month still open is listed with its month and how far past its promise it is.
        Assert.Equal(["2026-10", "2026-10", "2026-09"], view.FindAll("[data-testid=open-month]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["无承诺期限", "无承诺期限", "已超 3 天"], view.FindAll("[data-testid=open-promise]").Select(e => e.TextContent.Trim()));
        Assert.NotNull(view.FindAll("[data-testid=open-promise]")[2].QuerySelector(".mud-error-text"));
        Assert.Equal(["记录齐全", "未结案", "未结案"], view.FindAll("[data-testid=capa-done]").Select(e => e.TextContent.Trim()));
        Assert.Contains("未写成案例", view.Find("[data-testid=case-study]").TextContent);
        Assert.Equal(3, view.FindAll("[data-testid=complaint-detail-table] tbody tr").Count);
    }

    [Fact]
    public void OnAPhoneEveryValueOfTheComplaintTablesCarriesItsColumnsName()
    {
        RenderPopoverProvider();
        var view = Render<ComplaintSummaryView>(p => p.Add(c => c.Summary, Summary()));

        // Below 600 px a MudTable row is a card of its values; each value's label is its data-label, which must be its header.
        foreach (var table in new[] { "open-table", "capa-table", "complaint-detail-table" })
        {
            var root = view.Find($"[data-testid={table}]");
            var headers = root.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
            var rows = root.QuerySelectorAll("tbody tr");
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Equal(headers, row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label"))));
        }

        Assert.Equal(["投诉编号", "原因分析", "纠正措施", "预防措施", "责任人", "CAPA 记录"],
            view.Find("[data-testid=capa-table] tbody tr").QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")));
    }
}
