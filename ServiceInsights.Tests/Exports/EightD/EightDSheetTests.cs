using ClosedXML.Excel;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.EightD;
using ServiceInsights.Web.Exports.Excel;

namespace ServiceInsights.Tests.Exports.EightD;

/// <summary>The 8D form as a workbook, read back with ClosedXML (an independent reader of what SpreadCheetah wrote).</summary>
public sealed class EightDSheetTests : EightDExportTestBase
{
    private static readonly string[] Sections = ["D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"];

    [Fact]
    public async Task TheTitleAndTheHeaderValuesAreMergedCells()
    {
        var report = await RichAsync();

        using var workbook = await OpenAsync(report.Number, "zh-CN");
        var form = workbook.Worksheet(1);

        Assert.Equal(report.Number, form.Name);
        Assert.Contains(form.MergedRanges, r => r.RangeAddress.ToString() == "A1:H1");
        Assert.StartsWith("8D 报告", form.Cell("A1").GetString());
        var label = form.CellsUsed().First(c => c.GetString() == "8D 编号");
        Assert.Equal(1, label.Address.ColumnNumber);
        Assert.Equal(report.Number, label.CellRight().GetString());
        Assert.Contains(form.MergedRanges, r => r.RangeAddress.ToString() == $"B{label.Address.RowNumber}:D{label.Address.RowNumber}");
        var complaints = form.CellsUsed().First(c => c.GetString() == "投诉单号");
        Assert.Equal(ComplaintNo, complaints.CellRight().GetString());
    }

    [Fact]
    public async Task EveryDisciplineHasABandAcrossTheSheet()
    {
        var report = await RichAsync();

        using var workbook = await OpenAsync(report.Number, "en-US");
        var form = workbook.Worksheet(1);

        foreach (var section in Sections)
        {
            var band = Band(form, section);
            Assert.Contains(form.MergedRanges, r => r.RangeAddress.ToString() == $"A{band.Address.RowNumber}:H{band.Address.RowNumber}");
            Assert.Equal(XLColor.FromColor(EightDSheet.BandFill), band.Style.Fill.BackgroundColor);
            Assert.True(band.Style.Font.Bold);
        }

        Assert.Equal("D1 Team", Band(form, "D1").GetString());
    }

    [Fact]
    public async Task TheTablesRowsEqualTheContent()
    {
        var report = await RichAsync();
        var content = report.Content;

        using var workbook = await OpenAsync(report.Number, "zh-CN");
        var form = workbook.Worksheet(1);

        // D3: the section's only table, its header right under the band.
        var d3 = Rows(form, Band(form, "D3").Address.RowNumber + 1);
        Assert.Equal(["措施", "负责人", "日期", "有效性"], d3.Header);
        Assert.Equal(
            content.D3.Actions.Select(a => (a.Action, a.Owner, a.Date!.Value.ToDateTime(TimeOnly.MinValue), a.EffectivenessPercent / 100.0)),
            d3.Rows.Select(r => (r[0].GetString(), r[1].GetString(), r[2].GetDateTime(), (double?)r[3].GetDouble())));
        Assert.Equal(XLDataType.Text, d3.Rows[1][0].DataType); // "-5 台…" stays text

        // D4: the confirmed causes under their caption, occurrence before escape, with the 5-Why chain in one cell.
        var caption = form.CellsUsed().First(c => c.GetString() == "确认的原因" && c.Address.RowNumber > Band(form, "D4").Address.RowNumber);
        var d4 = Rows(form, caption.Address.RowNumber + 1);
        Assert.Equal(content.D4.Causes.OrderBy(c => c.Kind).Select(c => c.Description), d4.Rows.Select(r => r[2].GetString()));
        Assert.Equal(content.D4.Causes.Select(c => c.ContributionPercent / 100.0), d4.Rows.Select(r => (double?)r[4].GetDouble()));
        Assert.StartsWith("1. 模块离线\n2. 天线接口接触不良", d4.Rows[0][3].GetString());

        // D1: the team the prefill found.
        var d1 = Rows(form, Band(form, "D1").Address.RowNumber + 1);
        Assert.Equal(content.D1.Members.OrderBy(m => m.Role).Select(m => m.Name), d1.Rows.Select(r => r[1].GetString()));

        // D6: planned vs actual.
        var d6 = Rows(form, Band(form, "D6").Address.RowNumber + 1);
        Assert.Equal(content.D6.Steps.Select(s => s.PlannedOn!.Value.ToDateTime(TimeOnly.MinValue)), d6.Rows.Select(r => r[1].GetDateTime()));
        Assert.Equal(new DateTime(2026, 11, 14), d6.Rows[0][2].GetDateTime());
        Assert.True(d6.Rows[1][2].IsEmpty()); // not yet done
    }

    [Fact]
    public async Task TheLinkedRecordsSheetHasARowPerLinkWithItsKeyFields()
    {
        var report = await RichAsync();

        using var workbook = await OpenAsync(report.Number, "zh-CN");
        var records = workbook.Worksheet(2);

        Assert.Equal("关联记录", records.Name);
        var rows = records.RowsUsed().Skip(1).ToList();
        string Kind(EightDLinkKind kind) => kind switch { EightDLinkKind.Complaint => "投诉", EightDLinkKind.Ticket => "工单", _ => "返修" };
        Assert.Equal(report.Links.Select(l => (Kind(l.Kind), l.Number)), rows.Select(r => (r.Cell(1).GetString(), r.Cell(2).GetString())));
        var complaint = rows.Single(r => r.Cell(2).GetString() == ComplaintNo);
        Assert.Equal(("GD-B", "河南省植保站", "CB-001"), (complaint.Cell(4).GetString(), complaint.Cell(5).GetString(), complaint.Cell(8).GetString()));
        var repair = rows.Single(r => r.Cell(2).GetString() == "WX-A");
        Assert.Equal(("河南省植保站", "TPCB-III-A", "通信模块故障"), (repair.Cell(5).GetString(), repair.Cell(7).GetString(), repair.Cell(9).GetString()));
    }

    [Fact]
    public async Task TextFromTheRecordsThatLooksLikeAFormulaStaysText()
    {
        var report = await RichAsync();

        var file = await ExportAsync(report.Number, ExportFormat.Xlsx, "zh-CN");
        using var workbook = new XLWorkbook(new MemoryStream(file.Content));

        var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).ToList();
        Assert.DoesNotContain(cells, c => c.HasFormula);
        var formulaLike = cells.Where(c => c.GetString() == FormulaLike).ToList();
        Assert.NotEmpty(formulaLike);
        Assert.All(formulaLike, c => Assert.Equal(XLDataType.Text, c.DataType));
        Assert.Contains(cells, c => c.GetString() == "+86 371 再次离线" && c.DataType == XLDataType.Text);
        Assert.Contains(cells, c => c.GetString() == "@售后与质检团队：感谢。" && c.DataType == XLDataType.Text);
        Assert.Contains(cells, c => c.GetString().StartsWith("-5 台", StringComparison.Ordinal) && c.DataType == XLDataType.Text);
    }

    [Fact]
    public async Task ANearlyEmptyDraftShowsItsOpenItemsAndNoRecordsRows()
    {
        var report = await NearlyEmptyAsync();
        var open = report.Content.OpenItems.Where(o => !o.Resolved).ToList();

        using var workbook = await OpenAsync(report.Number, "en-US");
        var texts = workbook.Worksheet(1).CellsUsed().Select(c => c.GetString()).ToList();

        Assert.All(open, item => Assert.Contains("• " + item.Text.English, texts));
        Assert.Contains("No records", texts);
        Assert.Contains("Not recorded", texts);
        var sheetFile = await ExportAsync(report.Number, ExportFormat.Xlsx, "en-US");
        Assert.Equal(ExportFormats.ContentType(ExportFormat.Xlsx), sheetFile.ContentType);
        Assert.Equal($"{report.Number}.xlsx", sheetFile.FileName);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0 }, new[] { 2, 2, 2, 2 })]
    [InlineData(new[] { 3.0, 1.0, 0.9, 0.8 }, new[] { 4, 2, 1, 1 })]
    [InlineData(new[] { 0.3, 0.9, 1.8, 2.6, 0.8 }, new[] { 1, 1, 2, 3, 1 })]
    public void TableColumnsShareTheEightSheetColumnsByTheirWidths(double[] widths, int[] spans)
    {
        Assert.Equal(spans, EightDSheet.Spans(widths));
        Assert.Equal(EightDSheet.Columns, EightDSheet.Spans(widths).Sum());
    }

    [Fact]
    public async Task TextOfManyLinesOrBeyondWhatACellHoldsGivesAWorkbookWithRowsNoTallerThanExcelAllows()
    {
        // The seed 8Ds of TS2026102601 and TS2026092301 have cells of more than 27 lines: 500 was refused by SpreadCheetah.
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.D2.ProblemStatement = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"第 {i} 次离线：通信模块无响应"));
        edited.D8.Summary = new string('结', 40_000);
        var version = (await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D2, edited, Quality)).Version;
        await Service.SaveSectionAsync(draft.Number, version, EightDSection.D8, edited, Quality);

        using var workbook = await OpenAsync(draft.Number, "zh-CN");
        var form = workbook.Worksheet(1);

        Assert.All(form.RowsUsed(), r => Assert.InRange(r.Height, 0, ReportWorkbook.MaxRowHeight));
        var statement = form.CellsUsed().First(c => c.GetString().StartsWith("第 1 次离线", StringComparison.Ordinal));
        Assert.Equal(ReportWorkbook.MaxRowHeight, statement.WorksheetRow().Height);
        Assert.EndsWith("第 60 次离线：通信模块无响应", statement.GetString(), StringComparison.Ordinal);
        var summary = form.CellsUsed().First(c => c.GetString().StartsWith("结结结", StringComparison.Ordinal)).GetString();
        Assert.Equal(ReportWorkbook.MaxCellText, summary.Length);
        Assert.Contains("cut: first", summary, StringComparison.Ordinal);
    }

    private async Task<XLWorkbook> OpenAsync(string number, string culture)
    {
        var file = await ExportAsync(number, ExportFormat.Xlsx, culture);
        // To look at it: EIGHTD_XLSX_OUT=/tmp/8d dotnet test …, then open it or convert it with LibreOffice.
        if (Environment.GetEnvironmentVariable("EIGHTD_XLSX_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{culture}-{file.Content.Length}.xlsx"), file.Content);
        }

        return new XLWorkbook(new MemoryStream(file.Content));
    }

    private static IXLCell Band(IXLWorksheet sheet, string section) =>
        sheet.Column(1).CellsUsed().First(c => c.GetString().StartsWith(section + " ", StringComparison.Ordinal));

    /// <summary>A table from its header row down to the first row that is not a table row (the cells of each column's first sheet column).</summary>
    private static (List<string> Header, List<List<IXLCell>> Rows) Rows(IXLWorksheet sheet, int headerRow)
    {
        var starts = Enumerable.Range(1, EightDSheet.Columns).Select(c => sheet.Cell(headerRow, c))
            .Where(c => !c.IsMerged() || c.MergedRange().FirstCell().Address.ColumnNumber == c.Address.ColumnNumber)
            .Select(c => c.Address.ColumnNumber).ToList();
        var header = starts.Select(c => sheet.Cell(headerRow, c).GetString()).ToList();
        var rows = new List<List<IXLCell>>();
        for (var r = headerRow + 1; ; r++)
        {
            var first = sheet.Cell(r, 1);
            // A table row has bordered cells; a band, caption, blank or open-item row does not.
            if (first.Style.Border.LeftBorder == XLBorderStyleValues.None || first.GetString() is "无记录" or "No records")
            {
                break;
            }

            rows.Add(starts.Select(c => sheet.Cell(r, c)).ToList());
        }

        return (header, rows);
    }
}
