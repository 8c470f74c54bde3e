using ClosedXML.Excel;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Callbacks;
using static ServiceInsights.Tests.Exports.ExportReading;

namespace ServiceInsights.Tests.Reports.Callbacks;

/// <summary>The callback report's PDF and workbook from records in a real SQLite file, read back with PdfPig and ClosedXML
/// and compared with the model the page shows (the same query).</summary>
public sealed class CallbackReportExportTests : IDisposable
{
    private static readonly ReportMonth October = new(2026, 10);
    private static readonly DateTime AsOf = TestClock.Local("2026-11-27 00:00");

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private CallbackReportQuery Query => new(_database.Factory, _database.KpiCache(), SettingsOf(_database), TestClock.Shanghai, _database.FollowUps(), new DataVersion(_database.Factory));

    /// <summary>Not async itself: the culture it sets stays set for the test that awaits it.</summary>
    private Task<(CallbackReport Model, ReportFile File)> ExportAsync(ExportFormat format, string culture = "zh-CN") => ExportAsync(format, TestLocalizer.UseCulture(culture));

    private async Task<(CallbackReport Model, ReportFile File)> ExportAsync(ExportFormat format, Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource> localizer)
    {
        var export = new CallbackReportDefinition(Query, SettingsOf(_database), _database.FollowUpDerivation(), localizer, TestClock.Shanghai);
        var file = await export.ExportAsync(October, AsOf, format);
        return (await Query.RunAsync(October, AsOf), file);
    }

    private async Task SeedAsync(int extraCallbacks = 0)
    {
        await _database.MigrateAsync();
        var records = new List<object>
        {
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-09 09:00").ResolvedAt("2026-10-09 16:20").Product("虫情测报灯", "TPCB-III").Build(),
            new CallbackBuilder().No("HF-1").Ticket("GD-1").At("2026-10-12 10:00").Method(CallbackMethod.Phone).Customer("荆州市农业局")
                .Product("虫情测报灯", "TPCB-III").Staff("张敏").Satisfaction(5).With(c => (c.Solved, c.RunningNormally) = (true, true)).Build(),
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-10 09:00").ResolvedAt("2026-10-10 11:00").Product("光照培养箱", "GZX-250").Build(),
            // Imported text that looks like a formula stays text.
            new CallbackBuilder().No("HF-2").Ticket("GD-2").At("2026-10-20 15:00").Method(CallbackMethod.SmsMonthly).Customer("=HYPERLINK(\"http://x\")")
                .Satisfaction(2).With(c => (c.Solved, c.RunningNormally, c.OtherNeeds, c.Notes) = (false, true, "+86 希望提供操作培训", "@备注")).Build(),
            new CallbackBuilder().No("HF-3").At("2026-10-01 09:00").Method(CallbackMethod.SmsWeekly).Customer("-武汉种子站").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-4").At("2026-10-06 10:00").Customer("宜昌植保站").Satisfaction(4)
                .With(c => (c.Solved, c.RunningNormally) = (true, false)).Build(),
        };
        records.AddRange(Enumerable.Range(1, extraCallbacks).Select(i =>
            new CallbackBuilder().No($"HF-X{i:D4}").At("2026-10-15 09:00").Method(CallbackMethod.SmsWeekly).Customer($"客户{i}").Satisfaction(5)
                .With(c => (c.Solved, c.RunningNormally) = (true, true)).Build()));
        await _database.AddAsync([.. records]);
    }

    [Fact]
    public async Task ThePdfStatesTheChineseTitleTheMonthAndTheModelsKeyFigures()
    {
        await SeedAsync();

        var (model, file) = await ExportAsync(ExportFormat.Pdf);

        Assert.Equal(("回访报告-2026-10.pdf", "application/pdf"), (file.FileName, file.ContentType));
        var pages = PdfPages(file.Content);
        var first = pages[0];
        Assert.Contains("月度回访报告", first);
        Assert.Contains("2026年10月", first);
        Assert.Contains("数据截至2026-11-2700:00", first);
        Assert.Contains($"回访总数{model.Reach.Total}", first);
        Assert.Contains($"电话回访接通率{KpiText.Rate(model.PhoneReach.Rate)}", first);
        Assert.Contains($"短信回访回复率{KpiText.Rate(model.SmsReply.Rate)}", first);
        Assert.Contains($"平均满意度（1–5）{model.Answers.AverageSatisfaction:0.0}", first);
        Assert.Contains($"需跟进客户{model.ActionList.Count}", first);
        Assert.Contains(Compact($"CS-7b 重点产品电话回访{KpiText.Rate(model.Rules.KeyProductPhone.Rate)}"), first);
        var all = string.Concat(pages);
        Assert.All(model.Detail, row => Assert.Contains(row.CallbackNo, all));
        Assert.Contains("+86希望提供操作培训", all); // other needs verbatim
        // The settings come last (the block may break across the last two pages).
        Assert.True(all.LastIndexOf("本报告采用的设置", StringComparison.Ordinal) > all.LastIndexOf(model.Detail[^1].CallbackNo, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APdfOfThreeOrMorePagesRepeatsTheDetailTableHeaderOnEveryPageOfTheTable()
    {
        await SeedAsync(extraCallbacks: 90);

        var (model, file) = await ExportAsync(ExportFormat.Pdf);

        var pages = PdfPages(file.Content);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        var detailPages = pages.Where(p => p.Contains("HF-X")).ToList();
        Assert.True(detailPages.Count >= 2, $"{detailPages.Count} pages of detail");
        var headers = CallbackReportColumns.Detail(TestLocalizer.UseCulture("zh-CN")).Select(c => Compact(c.Header)).ToList();
        Assert.All(detailPages, page => Assert.All(headers, header => Assert.Contains(header, page)));
        Assert.Equal(model.Detail.Count, model.Detail.Count(r => string.Concat(pages).Contains(r.CallbackNo)));
    }

    [Fact]
    public async Task AMonthOfMoreCallbacksThanAPdfTableHoldsListsTheFirstWithANoteAndTheWorkbookHasEveryOne()
    {
        await SeedAsync(extraCallbacks: RuleFigures.PdfMaxRows);

        var (model, pdf) = await ExportAsync(ExportFormat.Pdf);
        var (_, xlsx) = await ExportAsync(ExportFormat.Xlsx);

        Assert.Equal(RuleFigures.PdfMaxRows + 4, model.Detail.Count);
        var text = string.Concat(PdfPages(pdf.Content));
        Assert.Contains($"PDF仅列出前{RuleFigures.PdfMaxRows}条（共{model.Detail.Count}条）", text);
        Assert.Contains(model.Detail[RuleFigures.PdfMaxRows - 1].CallbackNo, text);
        Assert.DoesNotContain(model.Detail[RuleFigures.PdfMaxRows + 1].CallbackNo, text);
        using var workbook = Workbook(xlsx.Content);
        Assert.Equal(model.Detail.Count, DetailRows(workbook.Worksheet("回访明细")));
    }

    [Fact]
    public async Task ACustomerNotReachedInSeptemberAndNotSinceCarriesOverIntoThePdfAndTheWorkbook()
    {
        await SeedAsync();
        await _database.AddAsync(
            new CallbackBuilder().No("HF-S1").Ticket("GD-S").At("2026-09-25 10:00").Customer("荆门农技站").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-S2").Ticket("GD-S").At("2026-10-08 10:00").Customer("荆门农技站").With(c => c.Reached = false).Build());

        var (model, pdf) = await ExportAsync(ExportFormat.Pdf);
        var (_, xlsx) = await ExportAsync(ExportFormat.Xlsx);

        var open = Assert.Single(model.Open, r => r.TicketNo == "GD-S");
        Assert.Equal(("2026-09", 2, false), (open.StartedMonth.ToString(), open.Attempts, open.LastReached));
        var text = string.Concat(PdfPages(pdf.Content));
        Assert.Contains($"未闭环回访（{model.Open.Count}）", text);
        Assert.Contains("GD-S2026-09荆门农技站", text);
        using var workbook = Workbook(xlsx.Content);
        var sheet = workbook.Worksheet("未闭环回访");
        Assert.Equal(model.Open.Count, DetailRows(sheet));
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "GD-S");
        Assert.Equal(("2026-09", 2.0, "未接通"), (row.Cell(2).GetString(), row.Cell(7).GetDouble(), row.Cell(8).GetString()));
    }

    [Fact]
    public async Task TheWorkbooksFiguresEqualTheModelAndItsDetailHasARowPerCallback()
    {
        await SeedAsync();

        var (model, file) = await ExportAsync(ExportFormat.Xlsx);

        Assert.Equal(("回访报告-2026-10.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (file.FileName, file.ContentType));
        using var workbook = Workbook(file.Content);
        Assert.Equal(["汇总", "回访明细", "需跟进客户", "未闭环回访", "整改跟踪", "电话回访逾期与未到期", "生效设置"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("汇总");
        Assert.Equal("月度回访报告", summary.Cell(2, 1).GetString());
        Assert.Equal(model.Reach.Total, FigureRow(summary, "回访总数").Cell(2).GetDouble());
        var reach = FigureRow(summary, "电话回访接通率").Cell(2);
        Assert.Equal(model.PhoneReach.Rate!.Value, reach.GetDouble(), 9);
        Assert.Equal(model.SmsReply.Rate!.Value, FigureRow(summary, "短信回访回复率").Cell(2).GetDouble(), 9);
        Assert.Equal("0.0%", reach.Style.NumberFormat.Format);
        Assert.Equal(model.Answers.AverageSatisfaction!.Value, FigureRow(summary, "平均满意度（1–5）").Cell(2).GetDouble(), 9);
        Assert.Equal(model.Answers.Solved.YesRate!.Value, FigureRow(summary, "问题已解决").Cell(2).GetDouble(), 9);
        Assert.Equal(model.ActionList.Count, FigureRow(summary, "需跟进客户").Cell(2).GetDouble());
        foreach (var rule in model.Rules.All)
        {
            var row = summary.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith(rule.Id + " ", StringComparison.Ordinal));
            Assert.Equal(rule.Met, row.Cell(4).GetDouble());
            Assert.Equal(rule.Eligible, row.Cell(5).GetDouble());
            Assert.Equal(KpiText.Target(rule), row.Cell(3).GetString());
            if (rule.Rate is { } rate)
            {
                Assert.Equal(rate, row.Cell(2).GetDouble(), 9);
            }
        }

        var detail = workbook.Worksheet("回访明细");
        Assert.Equal(model.Detail.Count, DetailRows(detail));
        Assert.Equal(model.ActionList.Count, DetailRows(workbook.Worksheet("需跟进客户")));
        var at = detail.Cell(2, 2);
        Assert.Equal(XLDataType.DateTime, at.DataType);
        Assert.Equal(model.Detail[0].At, at.GetDateTime());
        Assert.Equal("yyyy-mm-dd hh:mm", at.Style.NumberFormat.Format);

        // =, +, - and @ at the start of imported text: text cells, never formulas.
        var cells = detail.CellsUsed().ToList();
        foreach (var text in new[] { "=HYPERLINK(\"http://x\")", "+86 希望提供操作培训", "-武汉种子站", "@备注" })
        {
            var cell = cells.Single(c => c.GetString() == text);
            Assert.False(cell.HasFormula, text);
            Assert.Equal(XLDataType.Text, cell.DataType);
        }
    }

    [Fact]
    public async Task InEnglishTheFilesHaveEnglishTitlesSheetsAndHeaders()
    {
        await SeedAsync();

        var (model, pdf) = await ExportAsync(ExportFormat.Pdf, "en-US");
        var (_, xlsx) = await ExportAsync(ExportFormat.Xlsx, "en-US");

        Assert.Equal("callback-report-2026-10.pdf", pdf.FileName);
        var first = PdfPages(pdf.Content)[0];
        Assert.Contains("Monthlycallbackreport", first);
        Assert.Contains("MonthOctober2026", first);
        Assert.Contains($"Callbacks{model.Reach.Total}", first);
        Assert.DoesNotContain("回访", first);
        using var workbook = Workbook(xlsx.Content);
        Assert.Equal(["Summary", "All callbacks", "Customers to follow up", "Not yet settled", "Follow-ups", "Phone callbacks due", "Settings in force"], workbook.Worksheets.Select(s => s.Name));
        Assert.Equal("Callback No", workbook.Worksheet("All callbacks").Cell(1, 1).GetString());
    }
}
