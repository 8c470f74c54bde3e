using ClosedXML.Excel;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Repairs;
using static ServiceInsights.Tests.Exports.ReportExports;

namespace ServiceInsights.Tests.Reports.Repairs;

/// <summary>The repair turnaround report of 2026-10 on the seed data, written as PDF and Excel and read back with PdfPig and ClosedXML.</summary>
public sealed class RepairTurnaroundExportTests(SeedReportsFixture seed) : IClassFixture<SeedReportsFixture>
{
    [Fact]
    public async Task ThePdfCarriesTheChineseTitleTheMonthAndTheKeyFiguresOfThePage()
    {
        var file = await seed.Exports.RepairExport("zh-CN").ExportAsync(October, AsOf, ExportFormat.Pdf);
        Dump(file, "zh");
        var report = await seed.Exports.RepairQuery.RunAsync(October, AsOf);
        using var pdf = OpenPdf(file);
        var text = Text(pdf);

        Assert.Equal("返厂维修周转-2026-10.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.True(report.Repairs > 0, "the seed month has repairs");
        Assert.Contains("返厂维修周转报告", PageText(pdf.GetPage(1)));
        Assert.Contains("2026年10月", PageText(pdf.GetPage(1)));
        Assert.Contains("本月收件" + report.Repairs.ToString("N0"), text);
        Assert.Contains(KpiText.Rate(report.Turnaround.Rate), text);
        Assert.Contains(KpiText.Rate(report.SameDay.Rate), text);
        Assert.Contains(KpiText.Rate(report.DailyStatus.Rate), text);
        Assert.Contains(report.Rows[0].RepairNo, text);
        Assert.True(text.LastIndexOf("本报告采用的设置", StringComparison.Ordinal) > text.IndexOf("维修明细（", StringComparison.Ordinal), "the settings come last");
    }

    [Fact]
    public async Task EverySummaryFigureOfTheWorkbookEqualsTheModelAndEachRepairIsADetailRow()
    {
        var exports = seed.Exports;
        var file = await exports.RepairExport("zh-CN").ExportAsync(October, AsOf, ExportFormat.Xlsx);
        Dump(file, "zh");
        var report = await exports.RepairQuery.RunAsync(October, AsOf);
        using var workbook = Workbook(file);

        Assert.Equal(["汇总", "维修明细", "按型号", "未修复", "缺少进度确认", "生效设置"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("汇总");
        Assert.Equal("返厂维修周转报告", summary.Cell("A2").GetString());
        Assert.Equal("2026-10", summary.Cell("B3").GetString());

        Assert.Equal(report.Repairs, summary.Cell(FindRow(summary, "本月收件"), 2).GetDouble());
        Assert.Equal(report.Open, summary.Cell(FindRow(summary, "未修复"), 2).GetDouble());
        foreach (var rule in new[] { report.SameDay, report.Turnaround, report.DailyStatus })
        {
            var row = summary.Row(FindRow(summary, RuleFigures.Name(rule, ReportWorkbookLocalizer())));
            Assert.Equal(rule.Rate!.Value, row.Cell(2).GetDouble(), 9);
            Assert.Equal("0.0%", row.Cell(2).Style.NumberFormat.Format);
            Assert.Equal(KpiText.Target(rule), row.Cell(3).GetString());
            Assert.Equal([rule.Met, rule.Eligible, rule.Pending], [(int)row.Cell(4).GetDouble(), (int)row.Cell(5).GetDouble(), (int)row.Cell(6).GetDouble()]);
        }

        Assert.Equal(report.Distribution.Median!.Value, summary.Cell(FindRow(summary, "中位数"), 2).GetDouble(), 9);
        Assert.Equal(report.Overdue.Count, summary.Cell(FindRow(summary, "逾期未修复"), 2).GetDouble());

        var detail = workbook.Worksheet("维修明细");
        Assert.Equal(report.Rows.Count + 1, detail.LastRowUsed().RowNumber());
        Assert.Equal(report.Rows.Select(r => r.RepairNo), detail.Column(1).CellsUsed().Skip(1).Select(c => c.GetString()));
        Assert.Equal("yyyy-mm-dd hh:mm", detail.Cell(2, 7).Style.NumberFormat.Format);
        Assert.Equal(report.Rows[0].ReceivedAt, detail.Cell(2, 7).GetDateTime());
        Assert.Equal(report.ByModel.Count + 1, workbook.Worksheet("按型号").LastRowUsed().RowNumber());
        Assert.Equal(report.OpenRepairs.Count + 1, workbook.Worksheet("未修复").LastRowUsed().RowNumber());
        Assert.Equal(report.StatusGaps.Count + 1, workbook.Worksheet("缺少进度确认").LastRowUsed().RowNumber());
    }

    [Fact]
    public async Task InEnglishTheTitleSheetsAndHeadersAreEnglish()
    {
        var pdfFile = await seed.Exports.RepairExport("en-US").ExportAsync(October, AsOf, ExportFormat.Pdf);
        var xlsxFile = await seed.Exports.RepairExport("en-US").ExportAsync(October, AsOf, ExportFormat.Xlsx);
        Dump(pdfFile, "en");
        Dump(xlsxFile, "en");

        Assert.Equal("repair-turnaround-2026-10.pdf", pdfFile.FileName);
        using var pdf = OpenPdf(pdfFile);
        Assert.Contains("Repairturnaroundreport", PageText(pdf.GetPage(1)));
        Assert.Contains("October2026", PageText(pdf.GetPage(1)));
        using var workbook = Workbook(xlsxFile);
        Assert.Equal(["Summary", "Repairs", "By model", "Open", "Unconfirmed days", "Settings in force"], workbook.Worksheets.Select(s => s.Name));
        Assert.Equal("Repair No", workbook.Worksheet("Repairs").Cell(1, 1).GetString());
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer ReportWorkbookLocalizer() => TestLocalizer.UseCulture("zh-CN");
}

/// <summary>The repair report on records made with the builders: a long month and imported text that looks like formulas.</summary>
public sealed class RepairTurnaroundExportBuilderTests : IDisposable
{
    private static readonly string[] FormulaLike = ["=HYPERLINK(\"http://x\")", "+86 138 0000 0000", "-电源", "@供应商"];

    private readonly ReportExports _exports = new();

    public void Dispose() => _exports.Dispose();

    private async Task SeedAsync(int repairs)
    {
        await _exports.Database.MigrateAsync();
        var records = new List<object>
        {
            new TicketBuilder().No("GD-1").Customer(FormulaLike[1]).Product("虫情测报灯", "M-A").Staff("张敏").With(t => t.Origin = Origin.SelfMade).Build(),
        };
        for (var i = 0; i < repairs; i++)
        {
            records.Add(new RepairBuilder().No($"WX-{i:D4}").Ticket("GD-1").ReceivedAt($"2026-10-{12 + i % 10} 09:00")
                .FaultCause(i < FormulaLike.Length ? FormulaLike[i] : "控制板故障，更换主板后恢复正常，需要同批次排查").Build());
        }

        await _exports.Database.AddAsync([.. records]);
    }

    [Fact]
    public async Task ARepairOfAnEarlierMonthStillOpenCarriesOverIntoThePdfAndTheWorkbook()
    {
        await SeedAsync(2);
        await _exports.Database.AddAsync(
            new TicketBuilder().No("GD-P").Customer("乙公司").Product("光照培养箱", "M-B").With(t => t.Origin = Origin.Purchased).Build(),
            new RepairBuilder().No("WX-SEP").Ticket("GD-P").ReceivedAt("2026-09-21 09:00").Build());
        var asOf = new DateTime(2026, 10, 23, 18, 0, 0);

        var model = await _exports.RepairQuery.RunAsync(ReportExports.October, asOf);
        var pdf = await _exports.RepairExport("zh-CN").ExportAsync(ReportExports.October, asOf, ExportFormat.Pdf);
        var xlsx = await _exports.RepairExport("zh-CN").ExportAsync(ReportExports.October, asOf, ExportFormat.Xlsx);

        var carried = Assert.Single(model.OpenRepairs, r => r.RepairNo == "WX-SEP");
        Assert.True(carried.Overdue);
        Assert.Equal(carried.WorkingDaysOpen - 10, carried.DaysOver);
        Assert.DoesNotContain(model.Rows, r => r.RepairNo == "WX-SEP");
        using var document = OpenPdf(pdf);
        var text = Text(document);
        Assert.Contains($"截至时未修复（{model.OpenRepairs.Count}，其中逾期{model.Overdue.Count}）", text);
        Assert.Contains("WX-SEP2026-09乙公司", text);
        using var workbook = Workbook(xlsx);
        var open = workbook.Worksheet("未修复");
        Assert.Equal(model.OpenRepairs.Count + 1, open.LastRowUsed().RowNumber());
        var row = open.RowsUsed().Single(r => r.Cell(1).GetString() == "WX-SEP");
        Assert.Equal("2026-09", row.Cell(2).GetString());
        Assert.Equal(carried.DaysOver!.Value, row.Cell(10).GetDouble());
        Assert.Equal("FFC62828", row.Cell(10).Style.Font.FontColor.Color.ToArgb().ToString("X8"));
    }

    [Fact]
    public async Task TextThatBeginsWithAFormulaSignStaysText()
    {
        await SeedAsync(6);
        var file = await _exports.RepairExport("zh-CN").ExportAsync(ReportExports.October, new DateTime(2026, 11, 27, 0, 0, 0), ExportFormat.Xlsx);
        using var workbook = Workbook(file);
        var detail = workbook.Worksheet("维修明细");
        var causeColumn = detail.Row(1).CellsUsed().Single(c => c.GetString() == RecordText.Label(RecordSchemas.For(RecordKind.Repairs), "FaultCause")).Address.ColumnNumber;
        var causes = detail.Column(causeColumn).CellsUsed().Skip(1).ToList();

        foreach (var text in FormulaLike)
        {
            var cell = causes.Single(c => c.GetString() == text);
            Assert.False(cell.HasFormula, text);
            Assert.Equal(XLDataType.Text, cell.DataType);
        }

        var customer = detail.Cell(2, 3);
        Assert.Equal(FormulaLike[1], customer.GetString());
        Assert.False(customer.HasFormula);
    }

    [Fact]
    public async Task ADetailTableOverThreeOrMorePagesRepeatsItsHeaderRow()
    {
        await SeedAsync(150);
        var file = await _exports.RepairExport("zh-CN").ExportAsync(ReportExports.October, new DateTime(2026, 11, 27, 0, 0, 0), ExportFormat.Pdf);
        Dump(file, "long");
        using var pdf = OpenPdf(file);
        var headers = RepairTurnaroundColumns.Detail(TestLocalizer.UseCulture("zh-CN")).Select(c => c.Header.Replace(" ", "")).ToList();

        var pages = pdf.GetPages().Select(PageText).ToList();
        var first = pages.FindIndex(p => p.Contains("维修明细（150）"));
        var detailPages = pages.Skip(first).TakeWhile(p => p.Contains("WX-")).ToList();
        Assert.True(detailPages.Count >= 3, $"{detailPages.Count} pages of detail");
        Assert.All(detailPages, page => Assert.All(headers, header => Assert.Contains(header, page)));
        Assert.Contains("WX-0000", detailPages[0]);
        Assert.Contains("WX-0149", string.Concat(detailPages));
    }
}
