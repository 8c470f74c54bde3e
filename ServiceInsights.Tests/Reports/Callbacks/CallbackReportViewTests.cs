using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Reports.Callbacks;

namespace ServiceInsights.Tests.Reports.Callbacks;

/// <summary>The callback report's view renders its summary from a model built by hand (zh-CN).</summary>
public sealed class CallbackReportViewTests : MudTestContext
{
    private static readonly DateTime AsOf = new(2026, 11, 27, 0, 0, 0);

    private static MetricResult Rule(string id, int eligible, int met, int pending = 0, params RecordVerdict[] verdicts) =>
        new(id, MetricGroup.CS, eligible, met, pending, eligible == 0 ? null : (double)met / eligible, new BilingualText($"{id} 目标", $"{id} target"), verdicts);

    private static CallbackReport Callbacks()
    {
        var rows = new List<CallbackRow>
        {
            new()
            {
                CallbackNo = "HF-1", At = new(2026, 10, 12, 10, 0, 0), Method = CallbackMethod.Phone, TicketNo = "GD-1", Customer = "荆州市农业局",
                ProductName = "虫情测报灯", Model = "TPCB-III", Reached = true, Solved = true, RunningNormally = true, Satisfaction = 5, Staff = "张敏",
            },
            new()
            {
                CallbackNo = "HF-2", At = new(2026, 10, 20, 15, 0, 0), Method = CallbackMethod.SmsMonthly, TicketNo = "GD-2", Customer = "武汉种子站",
                Reached = true, Solved = false, RunningNormally = true, Satisfaction = 2, OtherNeeds = "希望提供操作培训", Staff = "王芳",
            },
            new() { CallbackNo = "HF-3", At = new(2026, 10, 1, 9, 0, 0), Method = CallbackMethod.SmsWeekly, Reached = false },
        };
        return new CallbackReport(new ReportMonth(2026, 10), AsOf, true, SlaSettings.Defaults,
            new CallbackReach(3, 2),
            [new(CallbackMethod.SmsWeekly, 1, 0), new(CallbackMethod.SmsMonthly, 1, 1), new(CallbackMethod.Phone, 1, 1)],
            [new(1, new(2026, 10, 1), new(2026, 10, 4), 1, 0, 0, 0), new(2, new(2026, 10, 5), new(2026, 10, 31), 0, 1, 1, 0)],
            new CallbackAnswers(2, new(1, 1, 0), new(2, 0, 0), [0, 1, 0, 0, 1], 0, 1),
            [new("HF-2", rows[1].At, "武汉种子站", null, "希望提供操作培训", "王芳")],
            [new("虫情", 1, 1, 0), new("培养箱", 1, 0, 0)],
            new CallbackRules(Rule("CS-7a", 2, 1), Rule("CS-7b", 2, 1), Rule("CS-7c", 2, 2), Rule("CS-3d", 2, 1, 0,
                    new RecordVerdict("GD-2", "王芳", null, false, Verdict.Missed, new("解决后 7 天内无电话回访", "no phone callback within 7 days"))),
                Rule("OS-2d", 0, 0)),
            [new("HF-2", rows[1].At, "GD-2", "武汉种子站", null, 2, false, true, "希望提供操作培训", "王芳")],
            rows)
        {
            Open =
            [
                new("GD-9", "HF-9", "宜昌植保站", "虫情测报灯", new(2026, 9, 20, 10, 0, 0), new(2026, 10, 8, 10, 0, 0), 3, false, null, null, "张敏"),
                new("GD-2", "HF-2", "武汉种子站", null, rows[1].At, rows[1].At, 1, true, 2, false, "王芳"),
            ],
        };
    }

    [Fact]
    public void CallbackReportViewShowsTheSummaryFiguresRulesAndActionList()
    {
        RenderPopoverProvider();
        var view = Render<CallbackReportView>(p => p.Add(c => c.Report, Callbacks()));

        string Figure(string name) => view.Find($"[data-figure={name}] [data-testid=summary-value]").TextContent.Trim();
        Assert.Equal("3", Figure("total"));
        Assert.Equal("100.0%", Figure("reach")); // 接通率: phone callbacks only
        Assert.Equal("50.0%", Figure("reply")); // 回复率: SMS callbacks only
        Assert.Equal("3.5", Figure("satisfaction"));
        Assert.Equal("50.0%", Figure("solved"));
        Assert.Equal("50.0%", Figure("key-product"));
        Assert.Equal("1", Figure("actions"));
        Assert.Contains("电话 1 · 短信 2", view.Find("[data-figure=total]").TextContent);
        Assert.Contains("接通 1 / 1 次电话", view.Find("[data-figure=reach]").TextContent);
        Assert.Contains("回复 1 / 2 条短信", view.Find("[data-figure=reply]").TextContent);
        Assert.Equal(["CS-7a", "CS-7b", "CS-7c", "CS-3d", "OS-2d"], view.FindAll("[data-testid=report-rule]").Select(e => e.GetAttribute("data-rule")));
        Assert.Contains("解决后 7 天内无电话回访", view.Find("[data-testid=callback-timeliness]").TextContent);
        Assert.Contains("不满意（2 分）", view.Find("[data-testid=action-list]").TextContent);
        Assert.Contains("问题未解决", view.Find("[data-testid=action-list]").TextContent);
        Assert.Contains("希望提供操作培训", view.Find("[data-testid=callback-needs]").TextContent);
        // The satisfaction counts twice, the same: five across (a laptop) and one score a row (a phone, where the five do not fit).
        var report = Callbacks();
        Assert.Equal(report.Answers.Satisfaction.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            view.FindAll("[data-testid=satisfaction-across] tbody td").Select(e => e.TextContent.Trim()));
        Assert.Equal(new[] { "1 · 非常不满意", "2 · 不满意", "3 · 一般", "4 · 满意", "5 · 非常满意" }.Zip(report.Answers.Satisfaction, (score, count) => $"{score} {count}"),
            view.FindAll("[data-testid=satisfaction-down] tbody tr").Select(r => string.Join(" ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))));
        // Customers not yet reached or satisfied, whatever month it started in, with the attempts so far.
        Assert.Equal(["2026-09", "2026-10"], view.FindAll("[data-testid=open-callback-month]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["3", "1"], view.FindAll("[data-testid=open-callback-attempts]").Select(e => e.TextContent.Trim()));
        Assert.Contains("未接通", view.Find("[data-testid=open-callbacks]").TextContent);
        Assert.Contains("不满意（2 分）；问题未解决", view.Find("[data-testid=open-callbacks]").TextContent);
        Assert.Equal(["短信（每周）", "短信（每月）", "电话"], view.FindAll("[data-testid=method-row] td:first-child").Select(e => e.TextContent));
        Assert.Equal(3, view.FindAll("[data-testid=callback-detail-table] tbody tr").Count);
        Assert.Empty(view.FindAll("[data-testid=report-empty]"));
    }

    [Fact]
    public void OnAPhoneEveryValueOfTheCallbackTablesCarriesItsColumnsName()
    {
        RenderPopoverProvider();
        var view = Render<CallbackReportView>(p => p.Add(c => c.Report, Callbacks()));

        // Below 600 px a MudTable row is a card of its values; each value's label is its data-label, which must be its header.
        foreach (var table in new[] { "needs-table", "action-list", "open-callbacks", "callback-detail-table" })
        {
            var root = view.Find($"[data-testid={table}]");
            var headers = root.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
            var rows = root.QuerySelectorAll("tbody tr");
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Equal(headers, row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label"))));
        }

        Assert.Equal(["时间", "客户", "产品 / 型号", "其他需求", "客服"],
            view.Find("[data-testid=needs-table] tbody tr").QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")));
    }

    [Fact]
    public void EveryFigureInTheCallbackReportsSmallTablesIsAlignedRight()
    {
        RenderPopoverProvider();
        var view = Render<CallbackReportView>(p => p.Add(c => c.Report, Callbacks()));

        // Counts, rates and "—" (no rate) in the tables by method, satisfaction (both layouts), answers and key products.
        var figure = new System.Text.RegularExpressions.Regex(@"^(\d+(\.\d+)?%?|—)$");
        var sections = new[] { "callback-methods", "callback-satisfaction", "callback-answers", "callback-key-products" };
        var cells = sections.SelectMany(s => view.FindAll($"[data-testid={s}] table tbody td")).Where(td => figure.IsMatch(td.TextContent.Trim())).ToList();
        Assert.Equal(3 * 3 + 5 + 5 + 2 * 4 + 2 * 4, cells.Count);
        Assert.All(cells, td => Assert.Contains("si-num", td.ClassList));
        // A figure's header is aligned with it; the first column (what a row is) is not.
        foreach (var table in sections.SelectMany(s => view.FindAll($"[data-testid={s}] table")))
        {
            var headers = table.QuerySelectorAll("thead th").ToList();
            var firstRow = table.QuerySelectorAll("tbody tr").First().QuerySelectorAll("td").ToList();
            Assert.All(headers.Zip(firstRow), pair => Assert.Equal(figure.IsMatch(pair.Second.TextContent.Trim()), pair.First.ClassList.Contains("si-num")));
        }

        // text-right is no class of MudBlazor 9 or app.css: a cell marked so sat on the left.
        Assert.Empty(view.FindAll(".text-right"));
        // On a phone still one score a row (five rows of two cells).
        Assert.All(view.FindAll("[data-testid=satisfaction-down] tbody tr"), r => Assert.Equal(2, r.QuerySelectorAll("td").Length));
        Assert.Equal(5, view.FindAll("[data-testid=satisfaction-down] tbody tr").Count);
    }

    [Fact]
    public void AnEmptyCallbackMonthSaysSo()
    {
        RenderPopoverProvider();
        var empty = new CallbackReport(new ReportMonth(2026, 12), AsOf, true, SlaSettings.Defaults, new CallbackReach(0, 0),
            [new(CallbackMethod.SmsWeekly, 0, 0), new(CallbackMethod.SmsMonthly, 0, 0), new(CallbackMethod.Phone, 0, 0)], [],
            new CallbackAnswers(0, new(0, 0, 0), new(0, 0, 0), [0, 0, 0, 0, 0], 0, 0), [], [],
            new CallbackRules(Rule("CS-7a", 0, 0), Rule("CS-7b", 0, 0), Rule("CS-7c", 0, 0), Rule("CS-3d", 0, 0), Rule("OS-2d", 0, 0)), [], []);

        var view = Render<CallbackReportView>(p => p.Add(c => c.Report, empty));

        Assert.Equal("本月没有回访记录。", view.Find("[data-testid=report-empty]").TextContent.Trim());
        Assert.Equal("—", view.Find("[data-figure=reach] [data-testid=summary-value]").TextContent.Trim());
        Assert.Contains("本月没有记录。", view.Find("[data-testid=callback-detail]").TextContent);
    }
}
