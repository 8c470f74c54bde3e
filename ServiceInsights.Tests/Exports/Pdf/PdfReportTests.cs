using System.Globalization;
using System.Text;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit.Abstractions;

namespace ServiceInsights.Tests.Exports.Pdf;

/// <summary>PDFs of the composition layer, read back with PdfPig (an independent reader).</summary>
public sealed class PdfReportTests(ITestOutputHelper output)
{
    [Fact]
    public void TheChineseTitleAndMonthAreExtractableText()
    {
        using var pdf = Open(Sample(10, "zh-CN"));

        var first = Text(pdf.GetPage(1));
        Assert.Contains("月度回访报告", first);
        Assert.Contains("2026年10月", first);
        Assert.Contains("工程服务部", first);
        Assert.Contains("数据截至2026-11-0100:00", first);
    }

    [Fact]
    public void ATableOverThreeOrMorePagesRepeatsItsHeaderRowOnEveryPage()
    {
        using var pdf = Open(TableOnly(SampleReport.Tickets(160), "zh-CN"));

        Assert.True(pdf.NumberOfPages >= 3, $"{pdf.NumberOfPages} pages");
        foreach (var page in pdf.GetPages())
        {
            var text = Text(page);
            Assert.All(SampleReport.Columns, column => Assert.Contains(column.Header, text));
        }

        var all = string.Concat(pdf.GetPages().Select(Text));
        Assert.Contains("T-2026-10-00001", all);
        Assert.Contains("T-2026-10-00160", all);
    }

    [Fact]
    public void WrappedCellTextStaysInsideItsColumn()
    {
        using var pdf = Open(TableOnly(SampleReport.Tickets(5), "zh-CN"));
        var page = pdf.GetPage(1);

        // The description column: the 5th of the columns' relative widths across the content width.
        var theme = ReportTheme.Default;
        var contentWidth = theme.PageWidth - theme.MarginLeft - theme.MarginRight;
        var total = SampleReport.Columns.Sum(c => c.Width);
        var left = theme.MarginLeft + contentWidth * SampleReport.Columns.Take(4).Sum(c => c.Width) / total;
        var right = left + contentWidth * SampleReport.Columns[4].Width / total;

        const string description = "控制柜进水导致主板短路，更换主板后恢复正常；建议客户加装防水罩，并在雨季前检查柜门密封条。";
        var letters = FindRun(page, description);
        Assert.True(letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() >= 2, "the description wraps");
        Assert.All(letters, l =>
        {
            Assert.True(l.BoundingBox.Left >= left - 0.5, $"'{l.Value}' starts at {l.BoundingBox.Left:F1}, left of the column at {left:F1}");
            Assert.True(l.BoundingBox.Right <= right + 0.5, $"'{l.Value}' ends at {l.BoundingBox.Right:F1}, right of the column at {right:F1}");
        });
        // No line begins with closing punctuation.
        var lineStarts = letters.GroupBy(l => Math.Round(l.StartBaseLine.Y)).Select(g => g.OrderBy(l => l.StartBaseLine.X).First().Value[0]);
        Assert.DoesNotContain(lineStarts, c => TextWrapper.IsClosing(c));
    }

    [Fact]
    public void TheFooterReadsPageXOfYWithTheRightTotal()
    {
        using var pdf = Open(TableOnly(SampleReport.Tickets(160), "zh-CN"));

        var total = pdf.NumberOfPages;
        Assert.True(total >= 3);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains($"第{page.Number}页/共{total}页", Text(page));
        }
    }

    [Fact]
    public void TheFontIsEmbeddedAsASubsetAndTheFileIsSmall()
    {
        var bytes = Sample(200, "zh-CN");
        if (Environment.GetEnvironmentVariable("PDF_SAMPLE_OUT") is { Length: > 0 } path)
        {
            File.WriteAllBytes(path, bytes); // to look at: pdftoppm -png -r 60 sample.pdf page
        }

        using var pdf = Open(bytes);

        Assert.True(pdf.NumberOfPages >= 8, $"{pdf.NumberOfPages} pages");
        var raw = Encoding.Latin1.GetString(bytes);
        Assert.Contains("/FontFile2", raw);
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+Noto Sans SC", f));
        output.WriteLine($"{pdf.NumberOfPages} pages, {bytes.Length / 1024} KB");
        Assert.True(bytes.Length < 400 * 1024, $"{bytes.Length / 1024} KB");
    }

    [Fact]
    public void ChartsAreDrawnAsVectorPathsNotImages()
    {
        Localize("zh-CN");
        var report = new PdfReport(new PdfReportHeader("图表", DateTime.Now), TestLocalizer.Current())
            .BarChart(new BarChart("柱状图", ["甲", "乙", "丙"], [new ChartSeries("数量", [3, 5, 2])]))
            .LineChart(new LineChart("折线图", ["1月", "2月", "3月"], [new ChartSeries("A", [1, 2, 3]), new ChartSeries("B", [3, 1, 2])]))
            .PieChart(new PieChart("饼图", [new("是", 2), new("否", 1)]));
        using var pdf = Open(report.ToBytes());

        var page = pdf.GetPage(1);
        Assert.Equal(0, page.NumberOfImages);
        Assert.True(page.Paths.Count >= 20, $"{page.Paths.Count} paths");
        var text = Text(page);
        Assert.Contains("柱状图", text);
        Assert.Contains("67%", text); // the larger pie slice's share
    }

    [Fact]
    public void LabelsAreEnglishWhenTheUiCultureIsEnglish()
    {
        Localize("en-US");
        var report = new PdfReport(new PdfReportHeader("Monthly callback report", new DateTime(2026, 11, 3, 9, 30, 0)) { Month = SampleReport.Month }, TestLocalizer.Current())
            .Heading("Detail")
            .Table(SampleReport.Columns, []);
        using var pdf = Open(report.ToBytes());

        var text = Text(pdf.GetPage(1));
        Assert.Contains("EngineeringServiceDepartment", text);
        Assert.Contains("MonthOctober2026", text);
        Assert.Contains("Generated2026-11-0309:30", text);
        Assert.Contains("Page1/1", text);
        Assert.Contains("Norecords", text);
        Assert.DoesNotContain("无记录", text);
    }

    [Fact]
    public void AnEmptyTableShowsANoRecordsRowInChinese()
    {
        Localize("zh-CN");
        var report = new PdfReport(new PdfReportHeader("空表", DateTime.Now), TestLocalizer.Current()).Table(SampleReport.Columns, []);
        using var pdf = Open(report.ToBytes());

        Assert.Contains("无记录", Text(pdf.GetPage(1)));
    }

    [Fact]
    public void NumbersAreFormattedInTheCurrentCultureAndRightAligned()
    {
        Localize("en-US");
        var columns = new ReportColumn<(string Name, int Count)>[] { new("Name", r => r.Name, Width: 3), new("Count", r => r.Count, CellFormat.Integer) };
        var report = new PdfReport(new PdfReportHeader("Numbers", DateTime.Now), TestLocalizer.Current()).Table(columns, [("alpha", 1234567), ("beta", 8)]);
        using var pdf = Open(report.ToBytes());
        var page = pdf.GetPage(1);

        var big = FindRun(page, "alpha1,234,567");
        var small = FindRun(page, "beta8")[^1];
        Assert.Equal(big[^1].BoundingBox.Right, small.BoundingBox.Right, 1);
    }

    [Fact]
    public void AHeadingIsNeverLeftAloneAtThePageBottom()
    {
        Localize("zh-CN");
        var report = new PdfReport(new PdfReportHeader("标题", DateTime.Now), TestLocalizer.Current());
        // Fill the first page almost to the bottom with paragraph lines, then a heading and a table.
        for (var i = 0; i < 50; i++)
        {
            report.Paragraph($"第{i + 1}行文字。");
        }

        report.Heading("孤立标题检查").Table(SampleReport.Columns, SampleReport.Tickets(3));
        using var pdf = Open(report.ToBytes());

        var pageWithHeading = pdf.GetPages().Single(p => Text(p).Contains("孤立标题检查"));
        Assert.Contains("T-2026-10-00001", Text(pageWithHeading));
    }

    [Fact]
    public void AHighlightBoxLongerThanAPageGoesOnToTheNextPageWithEveryItem()
    {
        Localize("zh-CN");
        var items = Enumerable.Range(1, 90).Select(i => $"待办事项{i:D3}：未记录围堵措施。").ToList();
        var report = new PdfReport(new PdfReportHeader("8D", DateTime.Now) { Reference = "8D-2026-0001" }, TestLocalizer.Current()).Highlight("未完成项", items);
        using var pdf = Open(report.ToBytes());

        Assert.True(pdf.NumberOfPages >= 2);
        var all = string.Concat(pdf.GetPages().Select(Text));
        Assert.Contains("8D-2026-0001", all);
        Assert.All(items, item => Assert.Contains(item, all));
    }

    [Fact]
    public void ReportsCanBeWrittenOnSeveralThreadsAtOnce()
    {
        var files = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => Sample(30 + i, i % 2 == 0 ? "zh-CN" : "en-US"))
            .ToList();

        Assert.All(files, bytes =>
        {
            using var pdf = Open(bytes);
            Assert.Contains("月度回访报告", Text(pdf.GetPage(1)));
        });
    }

    [Fact]
    public void LandscapePagesAreWiderThanTheyAreTall()
    {
        Localize("zh-CN");
        var bytes = new SampleReport(SampleReport.Tickets(20), TestLocalizer.Current()) { Landscape = true }.Generate();
        if (Environment.GetEnvironmentVariable("PDF_SAMPLE_OUT") is { Length: > 0 } path)
        {
            File.WriteAllBytes(Path.ChangeExtension(path, ".landscape.pdf"), bytes);
        }

        using var pdf = Open(bytes);

        Assert.True(pdf.GetPage(1).Width > pdf.GetPage(1).Height);
    }

    /// <summary>A 2,000-row detail table flows over dozens of pages with every row present (its speed is measured by the
    /// <c>bench</c> verb, not here).</summary>
    [Fact]
    public void ABigDetailTableFlowsOverManyPagesWithEveryRow()
    {
        var tickets = SampleReport.Tickets(2_000);
        var bytes = TableOnly(tickets, "zh-CN");

        using var pdf = Open(bytes);
        Assert.True(pdf.NumberOfPages > 2_000 / 60, $"{pdf.NumberOfPages} pages");
        var text = string.Concat(pdf.GetPages().Select(Text));
        Assert.Contains(Compact(tickets[0].TicketNo), text);
        Assert.Contains(Compact(tickets[^1].TicketNo), text);
    }

    private static string Compact(string text) => text.Replace(" ", "");

    internal static byte[] Sample(int rows, string culture)
    {
        Localize(culture);
        return new SampleReport(SampleReport.Tickets(rows), TestLocalizer.Current()).Generate();
    }

    private static byte[] TableOnly(IReadOnlyList<SampleTicket> tickets, string culture)
    {
        Localize(culture);
        return new PdfReport(new PdfReportHeader(SampleReport.Title, DateTime.Now) { Month = SampleReport.Month }, TestLocalizer.Current())
            .Table(SampleReport.Columns, tickets)
            .ToBytes();
    }

    private static PdfDocument Open(byte[] bytes) => PdfDocument.Open(bytes);

    /// <summary>A page's text without white space (PdfPig's spacing of CJK text is not what we test).</summary>
    private static string Text(Page page) => string.Concat(page.Letters.Select(l => l.Value)).Replace(" ", "");

    /// <summary>The letters of the first occurrence of <paramref name="run"/> (spaces ignored) in reading order.</summary>
    private static List<Letter> FindRun(Page page, string run)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var target = run.Replace(" ", "");
        var text = string.Concat(letters.Select(l => l.Value));
        var index = text.IndexOf(target, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{run}' not found");
        return letters.Skip(index).Take(target.Length).ToList();
    }

    private static void Localize(string culture)
    {
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }
}
