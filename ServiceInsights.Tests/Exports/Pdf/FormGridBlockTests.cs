using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Exports.Pdf;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Exports.Pdf;

/// <summary>The bordered label–value grid of the PDF layer (the 8D's header block), read back with PdfPig.</summary>
public sealed class FormGridBlockTests
{
    [Fact]
    public void LabelsAndValuesAreTextAndALongValueWrapsInsideItsCell()
    {
        const string longValue = "河南省植保站、山东省植保站、陕西省植保站、甘肃省植保站、湖北省农科院、江苏省农科院、安徽省植保站、四川省植保站";
        var bytes = Grid([new("8D 编号", "8D-2026-0001"), new("状态", "草稿"), new("客户", longValue), new("型号", "TPCB-III-A")]);

        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        var text = string.Concat(page.Letters.Select(l => l.Value)).Replace(" ", "");
        Assert.Contains("8D编号8D-2026-0001", text);
        Assert.Contains(longValue, text);

        // Two slots a row: the customer's value cell is the right half of the content width minus its label.
        var theme = ReportTheme.Default;
        var width = theme.PageWidth - theme.MarginLeft - theme.MarginRight;
        var right = theme.MarginLeft + width / 2;
        var letters = page.Letters.Where(l => longValue.Contains(l.Value, StringComparison.Ordinal) && l.Value != " ").ToList();
        var customer = letters.Where(l => l.BoundingBox.Left > theme.MarginLeft + width / 2 * 0.34 - 1).ToList();
        Assert.True(customer.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() >= 2, "the long value wraps");
        Assert.All(customer.Where(l => l.StartBaseLine.Y > 0), l => Assert.True(l.BoundingBox.Right <= right + 0.5,
            $"'{l.Value}' ends at {l.BoundingBox.Right:F1}, right of its cell at {right:F1}"));
    }

    [Fact]
    public void AFieldThatDoesNotFitTheRestOfARowStartsTheNextAndTheLastOfARowStretches()
    {
        // "型号" (span 2) cannot share the row with "状态": it starts the next row, and "状态" takes the whole first row.
        var bytes = Grid([new("状态", "草稿"), new("标题", "虫情测报灯两次离线", Span: 2), new("型号", "TPCB-III-A")]);

        using var pdf = PdfDocument.Open(bytes);
        var letters = pdf.GetPage(1).Letters;
        double BaselineOf(string c) => letters.First(l => l.Value == c).StartBaseLine.Y;
        Assert.True(BaselineOf("状") > BaselineOf("标"), "状态 above 标题");
        Assert.True(BaselineOf("标") > BaselineOf("型"), "标题 above 型号");
    }

    [Fact]
    public void AnOpenValueIsDrawnInTheHighlightColour()
    {
        var bytes = Grid([new("围堵措施", "未记录", Open: true), new("型号", "TPCB")]);

        using var pdf = PdfDocument.Open(bytes);
        var letters = pdf.GetPage(1).Letters;
        var bar = ReportTheme.Default.HighlightBar;
        var open = letters.First(l => l.Value == "未");
        var plain = letters.First(l => l.Value == "T");
        Assert.Equal((Math.Round(bar.R / 255.0, 2), Math.Round(bar.G / 255.0, 2), Math.Round(bar.B / 255.0, 2)), Rgb(open));
        Assert.NotEqual(Rgb(open), Rgb(plain));
    }

    [Fact]
    public void AGridLongerThanAPageContinuesOnTheNext()
    {
        var fields = Enumerable.Range(1, 120).Select(i => new FormField($"字段 {i}", $"值 {i}")).ToList();

        using var pdf = PdfDocument.Open(Grid(fields));

        Assert.True(pdf.NumberOfPages >= 2, $"{pdf.NumberOfPages} pages");
        var all = string.Concat(pdf.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)))).Replace(" ", "");
        Assert.Contains("字段1值1", all);
        Assert.Contains("字段120值120", all);
    }

    private static (double, double, double) Rgb(UglyToad.PdfPig.Content.Letter letter)
    {
        var (r, g, b) = letter.Color.ToRGBValues();
        return (Math.Round(r, 2), Math.Round(g, 2), Math.Round(b, 2));
    }

    private static byte[] Grid(IReadOnlyList<FormField> fields)
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        return new PdfReport(new PdfReportHeader("表单", DateTime.Now), TestLocalizer.Current()).FormGrid(fields).ToBytes();
    }
}
