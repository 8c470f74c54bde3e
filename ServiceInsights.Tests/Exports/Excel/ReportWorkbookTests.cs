using System.IO.Compression;
using ClosedXML.Excel;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Exports.Excel;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web;

namespace ServiceInsights.Tests.Exports.Excel;

/// <summary>
/// Writes workbooks with <see cref="ReportWorkbook"/> (SpreadCheetah) and reads them back with ClosedXML 0.95.4, an
/// independent reader.
/// </summary>
public class ReportWorkbookTests
{
    private static readonly SummaryFigure[] Figures =
    [
        new("CS-7 回访接通率", 0.8734, CellFormat.Percent, 0.9, Met: 873, Eligible: 1000, Pending: 12, Change: -0.021),
        new("CS-4 返厂周转达标率", 0.95, CellFormat.Percent, "≥ 95%", Met: 190, Eligible: 200, Pending: 3, Change: 0.05),
        new("投诉数", 42, CellFormat.Integer, Change: -3),
    ];

    private static readonly ExampleMethodRow[] ByMethod = [new("短信（周）", 600, 0.91), new("电话", 400, 0.82)];

    private static readonly KeyValuePair<string, string>[] Settings =
        [new("CallbackReachTarget", "0.9"), new("RepairTargetDays.SelfMade", "5")];

    [Fact]
    public async Task EverySummaryFigureReadsBackEqualToTheInput()
    {
        using var workbook = await WriteAsync("zh-CN", Callbacks(3), Repairs(2));
        var summary = workbook.Worksheet(1);

        Assert.Equal("汇总", summary.Name);
        Assert.Equal("工程服务部", summary.Cell("A1").GetString());
        Assert.Equal("月度回访报告", summary.Cell("A2").GetString());
        Assert.Equal("2026-10", summary.Cell("B3").GetString());
        Assert.Equal(new DateTime(2026, 10, 31, 23, 59, 0), summary.Cell("B4").GetDateTime());
        Assert.Equal(new DateTime(2026, 11, 2, 8, 30, 0), summary.Cell("B5").GetDateTime());

        var header = FindRow(summary, "指标");
        Assert.Equal(["指标", "实际", "目标", "达标", "应考核", "未到期", "较上月"], Enumerable.Range(1, 7).Select(c => summary.Cell(header, c).GetString()));
        for (var i = 0; i < Figures.Length; i++)
        {
            var row = summary.Row(header + 1 + i);
            var figure = Figures[i];
            Assert.Equal(figure.Label, row.Cell(1).GetString());
            Assert.Equal(figure.Value!.Value, row.Cell(2).GetDouble(), 9);
            if (figure.Target is double target)
            {
                Assert.Equal(target, row.Cell(3).GetDouble(), 9);
            }
            else
            {
                Assert.Equal((string?)figure.Target ?? "", row.Cell(3).GetString());
            }

            Assert.Equal(figure.Met, NullableInt(row.Cell(4)));
            Assert.Equal(figure.Eligible, NullableInt(row.Cell(5)));
            Assert.Equal(figure.Pending, NullableInt(row.Cell(6)));
            Assert.Equal(figure.Change!.Value, row.Cell(7).GetDouble(), 9);
        }

        Assert.Equal("0.0%", summary.Row(header + 1).Cell(2).Style.NumberFormat.Format);
        Assert.Equal("0", summary.Row(header + 3).Cell(2).Style.NumberFormat.Format);

        var byMethod = FindRow(summary, "按方式");
        Assert.Equal("方式", summary.Cell(byMethod + 1, 1).GetString());
        Assert.Equal("短信（周）", summary.Cell(byMethod + 2, 1).GetString());
        Assert.Equal(600, summary.Cell(byMethod + 2, 2).GetDouble());
        Assert.Equal(0.82, summary.Cell(byMethod + 3, 3).GetDouble(), 9);
        Assert.True(summary.Cell(byMethod + 1, 1).Style.Font.Bold);
    }

    [Fact]
    public async Task EachRecordKindGetsADetailSheetWithOneRowPerRecord()
    {
        using var workbook = await WriteAsync("zh-CN", Callbacks(250), Repairs(17));

        Assert.Equal(["汇总", "回访明细", "维修明细", "生效设置"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(251, workbook.Worksheet("回访明细").LastRowUsed().RowNumber());
        Assert.Equal(18, workbook.Worksheet("维修明细").LastRowUsed().RowNumber());
        var settings = workbook.Worksheet("生效设置");
        Assert.Equal(["设置项", "值"], new[] { settings.Cell("A1").GetString(), settings.Cell("B1").GetString() });
        Assert.Equal("RepairTargetDays.SelfMade", settings.Cell("A3").GetString());
        Assert.Equal("5", settings.Cell("B3").GetString());
    }

    [Fact]
    public async Task EveryTableHeaderIsBoldAndFilledFrozenAndFiltered()
    {
        using var workbook = await WriteAsync("zh-CN", Callbacks(20), Repairs(5));

        var detail = workbook.Worksheet("回访明细");
        var header = detail.Cell("A1");
        Assert.True(header.Style.Font.Bold);
        Assert.Equal(ReportWorkbook.HeaderFill.ToArgb(), header.Style.Fill.BackgroundColor.Color.ToArgb());
        Assert.Equal(1, detail.SheetView.SplitRow);
        Assert.Equal("A1:I21", detail.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal("A1:D6", workbook.Worksheet("维修明细").AutoFilter.Range.RangeAddress.ToString());

        var summary = workbook.Worksheet("汇总");
        var figures = FindRow(summary, "指标");
        Assert.True(summary.Cell(figures, 1).Style.Font.Bold);
        Assert.Equal(ReportWorkbook.HeaderFill.ToArgb(), summary.Cell(figures, 7).Style.Fill.BackgroundColor.Color.ToArgb());
        Assert.Equal(figures, summary.SheetView.SplitRow);
        Assert.Equal($"A{figures}:G{figures + Figures.Length}", summary.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public async Task CellsCarryTheDateDateTimePercentIntegerAndNumberFormats()
    {
        var callbacks = Callbacks(1);
        using var workbook = await WriteAsync("zh-CN", callbacks, Repairs(1));

        var row = workbook.Worksheet("回访明细").Row(2);
        Assert.Equal(XLDataType.DateTime, row.Cell(4).DataType);
        Assert.Equal(callbacks[0].At, row.Cell(4).GetDateTime());
        Assert.Equal("yyyy-mm-dd hh:mm", row.Cell(4).Style.NumberFormat.Format);
        Assert.Equal(callbacks[0].Due.ToDateTime(TimeOnly.MinValue), row.Cell(5).GetDateTime());
        Assert.Equal("yyyy-mm-dd", row.Cell(5).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Boolean, row.Cell(6).DataType);
        Assert.Equal("0", row.Cell(7).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, row.Cell(8).DataType);
        Assert.Equal(callbacks[0].ReachRate, row.Cell(8).GetDouble(), 9);
        Assert.Equal("0.0%", row.Cell(8).Style.NumberFormat.Format);
        Assert.Equal("0.0", workbook.Worksheet("维修明细").Cell("C2").Style.NumberFormat.Format);
    }

    [Theory]
    [InlineData("=SUM(A1)")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("-5")]
    [InlineData("@x")]
    [InlineData("=HYPERLINK(\"http://example.com\",\"点击\")")]
    public async Task ImportedTextThatLooksLikeAFormulaComesBackAsText(string text)
    {
        var callbacks = new[] { Callbacks(1)[0] with { Customer = text, Needs = text } };
        using var output = new MemoryStream();
        await WriteAsync("zh-CN", output, callbacks, Repairs(1));

        // The file itself has no formula element anywhere…
        using (var zip = new ZipArchive(new MemoryStream(output.ToArray())))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                Assert.DoesNotContain("<f>", reader.ReadToEnd());
            }
        }

        // …and ClosedXML, which turns a string beginning with "=" into a formula when one is careless, reads text.
        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        foreach (var cell in new[] { workbook.Worksheet("回访明细").Cell("B2"), workbook.Worksheet("回访明细").Cell("I2") })
        {
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(text, cell.GetString());
        }
    }

    [Fact]
    public async Task ARecordKindWithoutRecordsStillGetsItsHeaderRow()
    {
        using var workbook = await WriteAsync("zh-CN", Callbacks(0), Repairs(3));

        var sheet = workbook.Worksheet("回访明细");
        Assert.Equal("回访单号", sheet.Cell("A1").GetString());
        Assert.Equal(1, sheet.LastRowUsed().RowNumber());
        Assert.Equal("A1:I1", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public async Task ControlCharactersInImportedTextDoNotBreakTheFile()
    {
        var callbacks = new[] { Callbacks(1)[0] with { Needs = "第一行\u0001\u0008\r\n第二行\t完" } };
        using var workbook = await WriteAsync("zh-CN", callbacks, Repairs(1));

        // SpreadCheetah drops the characters XML cannot carry; XML reads a CR LF back as LF.
        Assert.Equal("第一行\n第二行\t完", workbook.Worksheet("回访明细").Cell("I2").GetString());
    }

    [Fact]
    public async Task ChineseColumnsAreWiderThanAsciiColumnsOfTheSameLengthAndLongTextWraps()
    {
        ReportColumn<(string Chinese, string Ascii, string Long)>[] columns =
        [
            new("A", r => r.Chinese),
            new("B", r => r.Ascii),
            new("C", r => r.Long),
        ];
        (string, string, string)[] rows = [("工程服务部客户回访记录", "ABCDEFGHIJK", string.Concat(Enumerable.Repeat("客户反映设备运行正常，", 20)))];

        using var output = new MemoryStream();
        await using (var writer = await ReportWorkbook.CreateAsync(output, TestLocalizer.UseCulture("zh-CN"), ExampleCallbackWorkbook.Header))
        {
            await writer.WriteDetailAsync("宽度", columns, rows);
            await writer.FinishAsync();
        }

        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        var sheet = workbook.Worksheet("宽度");
        Assert.True(sheet.Column(1).Width > sheet.Column(2).Width + 8, $"{sheet.Column(1).Width} vs {sheet.Column(2).Width}");
        // ClosedXML reads the stored width less the cell padding (about 0.7 units).
        Assert.InRange(sheet.Column(3).Width, ColumnWidths.Max - 1, ColumnWidths.Max);
        Assert.True(sheet.Cell("C2").Style.Alignment.WrapText);
        Assert.False(sheet.Cell("B2").Style.Alignment.WrapText);
    }

    [Fact]
    public void TextWidthCountsCjkAsTwoUnits()
    {
        Assert.Equal(10, ColumnWidths.TextWidth("工程服务部"));
        Assert.Equal(5, ColumnWidths.TextWidth("ABCDE"));
        Assert.Equal(6, ColumnWidths.TextWidth("（周）"));
    }

    [Theory]
    [InlineData("回访/明细[1]", "回访_明细_1_")]
    [InlineData("a:b*c?d\\e", "a_b_c_d_e")]
    [InlineData("'quoted'", "quoted")]
    [InlineData("   ", "Sheet")]
    [InlineData("2026年10月客户回访明细（短信周回访、短信月回访与电话回访）", "2026年10月客户回访明细（短信周回访、短信月回访与电话回访")]
    public void SheetNamesAreSanitised(string wanted, string expected)
    {
        var name = SheetNames.Sanitize(wanted);
        Assert.Equal(expected, name);
        Assert.True(name.Length <= SheetNames.MaxLength);
    }

    [Fact]
    public async Task SheetNamesAreMadeUniqueInTheWorkbook()
    {
        var longName = new string('回', 40);
        using var workbook = await WriteAsync("zh-CN", Callbacks(2), Repairs(2), callbackSheetName: longName, repairSheetName: longName);

        var names = workbook.Worksheets.Select(w => w.Name).ToList();
        Assert.Equal(new string('回', 31), names[1]);
        Assert.Equal(new string('回', 27) + " (2)", names[2]);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task EnglishCultureGivesEnglishSheetNamesAndLabels()
    {
        using var workbook = await WriteAsync("en-US", Callbacks(2), Repairs(2));

        Assert.Equal("Summary", workbook.Worksheet(1).Name);
        Assert.Equal("Settings in force", workbook.Worksheet(4).Name);
        var summary = workbook.Worksheet("Summary");
        Assert.Equal("Engineering Service Department", summary.Cell("A1").GetString());
        Assert.Equal("Month", summary.Cell("A3").GetString());
        var header = FindRow(summary, "Figure");
        Assert.Equal(["Figure", "Actual", "Target", "Met", "Assessed", "Not yet due", "Change vs previous month"],
            Enumerable.Range(1, 7).Select(c => summary.Cell(header, c).GetString()));
        Assert.Equal("Setting", workbook.Worksheet("Settings in force").Cell("A1").GetString());
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public void EveryLabelOfTheWriterResolves(string culture)
    {
        var localizer = TestLocalizer.UseCulture(culture);
        Assert.All(ReportWorkbook.LabelKeys, key => Assert.False(localizer[key].ResourceNotFound, key));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(703, "AAA")]
    public void ColumnLettersFollowExcel(int column, string letters) => Assert.Equal(letters, ReportWorkbook.ColumnLetter(column));

    internal static ExampleCallbackRow[] Callbacks(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new ExampleCallbackRow(
            $"HF2026{i:D6}", $"上海某某精密机械有限公司{i % 7}", i % 3 == 0 ? "电话" : "短信（周）",
            new DateTime(2026, 10, 1, 9, 15, 0).AddMinutes(37 * i), new DateOnly(2026, 10, 1).AddDays(i % 30),
            i % 4 != 0, 1 + i % 5, (i % 100) / 100.0, i % 5 == 0 ? null : "希望安排工程师上门培训")),
    ];

    internal static ExampleRepairRow[] Repairs(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new ExampleRepairRow($"FX{i:D5}", $"SI-{i % 9}00", 3.5 + i % 7, new DateOnly(2026, 10, 1 + i % 28)))];

    private static async Task<XLWorkbook> WriteAsync(
        string culture, ExampleCallbackRow[] callbacks, ExampleRepairRow[] repairs, string callbackSheetName = "回访明细", string repairSheetName = "维修明细")
    {
        var output = new MemoryStream();
        await WriteAsync(culture, output, callbacks, repairs, callbackSheetName, repairSheetName);
        output.Position = 0;
        return new XLWorkbook(output);
    }

    private static Task WriteAsync(
        string culture, Stream output, ExampleCallbackRow[] callbacks, ExampleRepairRow[] repairs,
        string callbackSheetName = "回访明细", string repairSheetName = "维修明细") =>
        ExampleCallbackWorkbook.WriteAsync(
            output, TestLocalizer.UseCulture(culture), ExampleCallbackWorkbook.Header, Figures, ByMethod, callbacks, repairs, Settings, callbackSheetName, repairSheetName);

    private static int FindRow(IXLWorksheet sheet, string firstCell) =>
        sheet.RowsUsed().First(r => r.Cell(1).GetString() == firstCell).RowNumber();

    private static int? NullableInt(IXLCell cell) => cell.IsEmpty() ? null : (int)cell.GetDouble();
}
