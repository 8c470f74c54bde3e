using ClosedXML.Excel;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Complaints;
using static ServiceInsights.Tests.Exports.ExportReading;

namespace ServiceInsights.Tests.Reports.Complaints;

/// <summary>The complaint summary's PDF and workbook from complaints in a real SQLite file, read back with PdfPig and
/// ClosedXML and compared with the model the page shows (the same query).</summary>
public sealed class ComplaintSummaryExportTests : IDisposable
{
    private static readonly ReportMonth October = new(2026, 10);
    private static readonly DateTime AsOf = TestClock.Local("2026-11-27 00:00");

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private ComplaintSummaryQuery Query => new(_database.Factory, _database.KpiCache(), SettingsOf(_database), TestClock.Shanghai, _database.FollowUps());

    /// <summary>Not async itself: the culture it sets stays set for the test that awaits it.</summary>
    private Task<(ComplaintSummary Model, ReportFile File)> ExportAsync(ExportFormat format, string culture = "zh-CN") => ExportAsync(format, TestLocalizer.UseCulture(culture));

    private async Task<(ComplaintSummary Model, ReportFile File)> ExportAsync(ExportFormat format, Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource> localizer)
    {
        var export = new ComplaintSummaryDefinition(Query, SettingsOf(_database), _database.FollowUpDerivation(), localizer, TestClock.Shanghai);
        var file = await export.ExportAsync(October, AsOf, format);
        return (await Query.RunAsync(October, AsOf), file);
    }

    private async Task SeedAsync(int extraComplaints = 0)
    {
        await _database.MigrateAsync();
        var records = new List<object>
        {
            // Class 1, closed with every CAPA field: CP-2d met.
            new ComplaintBuilder().No("TS-1").ReceivedAt("2026-10-08 09:00").Customer("荆州市农业局").RootCause("探头老化").Staff("张敏")
                .With(c => (c.ProductName, c.Model, c.Source, c.CorrectiveAction, c.PreventiveAction, c.Responsible, c.ClosedAt, c.Satisfaction) =
                    ("虫情测报灯", "TPCB-III", ComplaintSource.Customer, "更换探头", "季度巡检", "李工", TestClock.Utc("2026-10-12 17:00"), 4)).Build(),
            // Class 3 (media), open; its description looks like a formula.
            new ComplaintBuilder().No("TS-2").ReceivedAt("2026-10-15 10:00").Customer("武汉种子站").Description("=SUM(A1:A9)")
                .With(c => (c.Media, c.Source, c.SalesPerson, c.SalesFeedbackAt) = (true, ComplaintSource.SalesRelay, "王销售", TestClock.Utc("2026-10-15 10:20"))).Build(),
            // Class 2 (threat), open.
            new ComplaintBuilder().No("TS-3").ReceivedAt("2026-10-20 14:00").Customer("宜昌植保站").Description("+设备多次故障")
                .With(c => (c.ThreatensExternal, c.Source) = (true, ComplaintSource.Customer)).Build(),
        };
        records.AddRange(Enumerable.Range(1, extraComplaints).Select(i =>
            new ComplaintBuilder().No($"TS-X{i:D4}").ReceivedAt("2026-10-25 09:00").Customer($"客户{i}").Description("客户反映设备运行时有异响，现场检查发现主轴轴承磨损。")
                .With(c => c.Source = ComplaintSource.Customer).Build()));
        await _database.AddAsync([.. records]);
    }

    [Fact]
    public async Task ThePdfStatesTheChineseTitleTheMonthAndTheModelsKeyFigures()
    {
        await SeedAsync();

        var (model, file) = await ExportAsync(ExportFormat.Pdf);

        Assert.Equal(("投诉月度汇总-2026-10.pdf", "application/pdf"), (file.FileName, file.ContentType));
        var pages = PdfPages(file.Content);
        var first = pages[0];
        Assert.Contains("投诉月度汇总", first);
        Assert.Contains("2026年10月", first);
        Assert.Contains($"投诉总数{model.Total}", first);
        Assert.Contains($"已结案{model.Closed}·未结案{model.Open.Count}", first);
        Assert.Contains($"三类投诉{model.ByClass.Single(c => c.Level == 3).Count}", first);
        Assert.Contains($"CAPA齐全（CP-2d）{KpiText.Rate(model.Rules.CorrectiveAction.Rate)}", first);
        var all = string.Concat(pages);
        Assert.All(model.Detail, row => Assert.Contains(row.ComplaintNo, all));
        Assert.Contains("已投诉至媒体", all); // the class reason
        Assert.Contains("=SUM(A1:A9)", all);
        Assert.Contains("本报告采用的设置", pages[^1]);
    }

    [Fact]
    public async Task AComplaintOfAnEarlierMonthStillOpenCarriesOverIntoThePdfAndTheWorkbookWithItsPromise()
    {
        await SeedAsync();
        await _database.AddAsync(
            // September, promised by 09-28 17:00, never closed: open at 11-27 00:00, 60 days old, 60 days past its promise.
            new ComplaintBuilder().No("TS2026092601").ReceivedAt("2026-09-26 10:00").Customer("荆门农技站")
                .With(c => c.PromisedBy = TestClock.Utc("2026-09-28 17:00")).Build(),
            // September, closed in October: not open.
            new ComplaintBuilder().No("TS2026092602").ReceivedAt("2026-09-27 10:00").With(c => c.ClosedAt = TestClock.Utc("2026-10-03 10:00")).Build());

        var (model, pdf) = await ExportAsync(ExportFormat.Pdf);
        var (_, xlsx) = await ExportAsync(ExportFormat.Xlsx);

        var carried = Assert.Single(model.Open, r => r.ComplaintNo == "TS2026092601");
        Assert.Equal((62, 60), (carried.AgeDays, carried.DaysPastPromise!.Value));
        Assert.DoesNotContain(model.Open, r => r.ComplaintNo == "TS2026092602");
        Assert.DoesNotContain(model.Detail, r => r.ComplaintNo == "TS2026092601"); // not one of October's complaints
        Assert.Equal(1, model.CarriedOver);
        var all = string.Concat(PdfPages(pdf.Content));
        Assert.Contains("TS20260926012026-09", all);
        Assert.Contains("已超60天", all);
        Assert.Contains("无承诺期限", all);
        Assert.Contains($"已结案{model.Closed}·未结案{model.Total - model.Closed}", all);
        using var workbook = Workbook(xlsx.Content);
        var open = workbook.Worksheet("未结案投诉");
        var row = open.RowsUsed().Single(r => r.Cell(1).GetString() == "TS2026092601");
        Assert.Equal("2026-09", row.Cell(2).GetString());
        Assert.Equal(62, row.Cell(4).GetDouble());
        Assert.Equal("已超 60 天", row.Cell(9).GetString());
        Assert.Equal(model.Open.Count, DetailRows(open));
    }

    [Fact]
    public async Task TheCapaColumnSaysTheRecordIsCompleteNotThatTheActionsAreDone()
    {
        await SeedAsync();

        var (_, pdf) = await ExportAsync(ExportFormat.Pdf);

        var all = string.Concat(PdfPages(pdf.Content));
        Assert.Contains("记录齐全", all);
        Assert.DoesNotContain("已完成", all);
    }

    [Fact]
    public async Task APdfOfThreeOrMorePagesRepeatsTheDetailTableHeaderOnEveryPageOfTheTable()
    {
        await SeedAsync(extraComplaints: 60);

        var (model, file) = await ExportAsync(ExportFormat.Pdf);

        var pages = PdfPages(file.Content);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        // The detail table is the one with the description column.
        var detailPages = pages.Where(p => p.Contains("客户反映设备运行时有异响", StringComparison.Ordinal)).ToList();
        Assert.True(detailPages.Count >= 2, $"{detailPages.Count} pages of detail");
        var headers = ComplaintSummaryColumns.Detail(TestLocalizer.UseCulture("zh-CN")).Select(c => Compact(c.Header)).ToList();
        Assert.All(detailPages, page => Assert.All(headers, header => Assert.Contains(header, page)));
        Assert.Equal(63, model.Detail.Count);
    }

    [Fact]
    public async Task TheWorkbooksFiguresEqualTheModelAndItsSheetsHaveARowPerComplaint()
    {
        await SeedAsync();

        var (model, file) = await ExportAsync(ExportFormat.Xlsx);

        Assert.Equal("投诉月度汇总-2026-10.xlsx", file.FileName);
        using var workbook = Workbook(file.Content);
        Assert.Equal(["汇总", "投诉明细", "未结案投诉", "CAPA状态", "整改跟踪", "三类投诉案例", "生效设置"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("汇总");
        Assert.Equal(model.Total, FigureRow(summary, "投诉总数").Cell(2).GetDouble());
        Assert.Equal(model.Closed, FigureRow(summary, "已结案").Cell(2).GetDouble());
        Assert.Equal(model.Open.Count, FigureRow(summary, "未结案").Cell(2).GetDouble());
        foreach (var cls in model.ByClass)
        {
            Assert.Equal(cls.Count, summary.RowsUsed().First(r => r.Cell(1).GetString() == $"{"一二三"[cls.Level - 1]}类投诉").Cell(2).GetDouble());
        }

        Assert.Equal(model.Open[0].AgeDays, FigureRow(summary, "最长未结案天数").Cell(2).GetDouble());
        foreach (var rule in model.Rules.Stages.Append(model.Rules.SalesFeedback))
        {
            var row = summary.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith(rule.Id + " ", StringComparison.Ordinal));
            Assert.Equal((rule.Met, rule.Eligible, rule.Pending), ((int)row.Cell(4).GetDouble(), (int)row.Cell(5).GetDouble(), (int)row.Cell(6).GetDouble()));
            Assert.Equal(KpiText.Target(rule), row.Cell(3).GetString());
            if (rule.Rate is { } rate)
            {
                Assert.Equal(rate, row.Cell(2).GetDouble(), 9);
                Assert.Equal("0.0%", row.Cell(2).Style.NumberFormat.Format);
            }
        }

        Assert.Equal(model.Detail.Count, DetailRows(workbook.Worksheet("投诉明细")));
        Assert.Equal(model.Open.Count, DetailRows(workbook.Worksheet("未结案投诉")));
        Assert.Equal(model.Capa.Count, DetailRows(workbook.Worksheet("CAPA状态")));
        Assert.Equal(model.CaseStudies.Count, DetailRows(workbook.Worksheet("三类投诉案例")));

        var detail = workbook.Worksheet("投诉明细");
        var received = detail.Cell(2, 2);
        Assert.Equal(model.Detail[0].ReceivedAt, received.GetDateTime());
        Assert.Equal("yyyy-mm-dd hh:mm", received.Style.NumberFormat.Format);
        foreach (var text in new[] { "=SUM(A1:A9)", "+设备多次故障" })
        {
            var cell = detail.CellsUsed().Single(c => c.GetString() == text);
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

        Assert.Equal("complaint-summary-2026-10.pdf", pdf.FileName);
        var first = PdfPages(pdf.Content)[0];
        Assert.Contains("Monthlycomplaintsummary", first);
        Assert.Contains("MonthOctober2026", first);
        Assert.Contains($"Complaints{model.Total}", first);
        using var workbook = Workbook(xlsx.Content);
        Assert.Equal(["Summary", "All complaints", "Open complaints", "CAPA status", "Follow-ups", "Class-3 case studies", "Settings in force"], workbook.Worksheets.Select(s => s.Name));
        Assert.Equal("Complaint No", workbook.Worksheet("All complaints").Cell(1, 1).GetString());
    }
}
