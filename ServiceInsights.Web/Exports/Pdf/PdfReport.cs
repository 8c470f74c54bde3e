using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>What the header of every page shows besides the department: the report's title, its month (if it is a
/// monthly report), its as-of, a reference such as an 8D number, and when it was generated.</summary>
public sealed record PdfReportHeader(string Title, DateTime GeneratedAt)
{
    public DateOnly? Month { get; init; }
    public DateTime? AsOf { get; init; }
    public string? Reference { get; init; }
}

/// <summary>
/// A PDF being composed: blocks are added in reading order (<see cref="Heading"/>, <see cref="Paragraph"/>,
/// <see cref="Table{TRow}"/>, charts…) and laid out on A4 pages when the document is written. Every page gets the
/// header; the footer ("第 x 页 / 共 y 页") is drawn after the flow, when the page count is known. Labels of the
/// layer come from <see cref="SharedResource"/> in the current UI culture; values are formatted in the current culture.
/// </summary>
public sealed class PdfReport
{
    private readonly List<PdfBlock> blocks = [];

    public PdfReport(PdfReportHeader header, IStringLocalizer<SharedResource> localizer, bool landscape = false, ReportTheme? theme = null)
    {
        Header = header;
        Localizer = localizer;
        Landscape = landscape;
        Theme = theme ?? ReportTheme.Default;
    }

    public PdfReportHeader Header { get; }
    public IStringLocalizer<SharedResource> Localizer { get; }
    public bool Landscape { get; }
    public ReportTheme Theme { get; }
    public IReadOnlyList<PdfBlock> Blocks => blocks;

    public PdfReport Add(PdfBlock block)
    {
        blocks.Add(block);
        return this;
    }

    /// <summary>Runs one composing step (<c>report.Compose(ComposeSummary)</c>), so a report reads as its list of steps.</summary>
    public PdfReport Compose(Action<PdfReport> step)
    {
        step(this);
        return this;
    }

    public PdfReport Heading(string text) => Add(new HeadingBlock(text));
    public PdfReport Paragraph(string text, bool muted = false) => Add(new ParagraphBlock(text, muted));
    public PdfReport KeyFigures(IReadOnlyList<KeyFigure> figures) => Add(new KeyFiguresBlock(figures));
    public PdfReport Table<TRow>(IReadOnlyList<ReportColumn<TRow>> columns, IReadOnlyList<TRow> rows) => Add(new TableBlock<TRow>(columns, rows));
    public PdfReport BarChart(BarChart chart) => Add(new BarChartBlock(chart));
    public PdfReport LineChart(LineChart chart) => Add(new LineChartBlock(chart));
    public PdfReport PieChart(PieChart chart) => Add(new PieChartBlock(chart));
    public PdfReport KeyValues(string? title, IReadOnlyList<KeyValuePair<string, string>> pairs) => Add(new KeyValueBlock(title, pairs));
    public PdfReport Highlight(string title, IReadOnlyList<string> items) => Add(new HighlightBlock(title, items));

    /// <summary>A small bold caption kept with the block after it (a table's title inside a section).</summary>
    public PdfReport Caption(string text) => Add(new CaptionBlock(text));

    /// <summary>A bordered form grid of label–value cells, <paramref name="slots"/> pairs to a row (an 8D's header block).</summary>
    public PdfReport FormGrid(IReadOnlyList<FormField> fields, int slots = 2) => Add(new FormGridBlock(fields, slots));

    public PdfReport PageBreak() => Add(new PageBreakBlock());

    /// <summary>Lays out the blocks and returns the PDF file.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Save(stream);
        return stream.ToArray();
    }

    public void Save(Stream stream)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = Header.Title;
        document.Info.Creator = "ServiceInsights";
        document.Options.CompressContentStreams = true;
        document.Options.NoCompression = false;

        var flow = new PdfFlow(document, this);
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i].Render(flow, i + 1 < blocks.Count ? blocks[i + 1] : null);
            if (blocks[i] is not PageBreakBlock && i + 1 < blocks.Count)
            {
                flow.Y += blocks[i].SpaceAfter(Theme);
            }
        }

        flow.Finish();
        DrawFooters(document);
        document.Save(stream, closeStream: false);
    }

    internal void DrawHeader(XGraphics g, double pageWidth)
    {
        var t = Theme;
        var left = t.MarginLeft;
        var right = pageWidth - t.MarginRight;
        var top = t.MarginTop;
        var small = t.Font(t.SmallSize);
        var muted = t.Brush(t.Muted);
        var smallLine = t.LineHeight(t.SmallSize);

        g.DrawText(Localizer["App.Department"].Value, small, muted, left, top, smallLine);
        var title = PdfCells.Fit(Header.Title, FontFace.Bold, t.TitleSize, (right - left) * 0.62);
        g.DrawText(title, t.Font(t.TitleSize, bold: true), t.Brush(t.Primary), left, top + smallLine, t.LineHeight(t.TitleSize));

        // Right column: month (or reference), as-of, generated-at.
        var lines = new List<(string Text, bool Bold)>(3);
        if (Header.Month is { } month)
        {
            lines.Add((Localizer["Pdf.Month", month.ToString("Y", CultureInfo.CurrentCulture)].Value, true));
        }

        if (Header.Reference is { } reference)
        {
            lines.Add((reference, true));
        }

        if (Header.AsOf is { } asOf)
        {
            lines.Add((Localizer["Pdf.AsOf", Stamp(asOf)].Value, false));
        }

        lines.Add((Localizer["Pdf.GeneratedAt", Stamp(Header.GeneratedAt)].Value, false));
        var y = top;
        foreach (var (text, bold) in lines.TakeLast(3))
        {
            g.DrawTextRight(text, t.Font(t.SmallSize, bold), bold ? t.Brush(t.Text) : muted, right, y, smallLine);
            y += smallLine;
        }

        var ruleY = top + t.HeaderHeight - 10;
        g.DrawRectangle(t.Brush(t.Primary), left, ruleY, right - left, 1.2);
    }

    private void DrawFooters(PdfDocument document)
    {
        var t = Theme;
        var total = document.PageCount;
        var small = t.Font(t.SmallSize);
        var muted = t.Brush(t.Muted);
        var line = t.LineHeight(t.SmallSize);
        var footerLeft = $"{Localizer["App.Title"].Value} · {Localizer["App.Department"].Value}";
        for (var i = 0; i < total; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var width = page.Width.Point;
            var top = page.Height.Point - t.MarginBottom - t.FooterHeight + 8;
            g.DrawLine(t.Pen(t.Rule, 0.6), t.MarginLeft, top, width - t.MarginRight, top);
            g.DrawText(footerLeft, small, muted, t.MarginLeft, top + 4, line);
            g.DrawTextRight(Localizer["Pdf.Page", i + 1, total].Value, small, t.Brush(t.Text), width - t.MarginRight, top + 4, line);
        }
    }

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// The page flow while a document is laid out: the current page's graphics and the vertical position <see cref="Y"/>
/// in its content area. Blocks ask for room with <see cref="EnsureSpace"/>, which starts a new page (with the header)
/// when the room is not left.
/// </summary>
public sealed class PdfFlow
{
    private readonly PdfDocument document;
    private XGraphics? graphics;

    internal PdfFlow(PdfDocument document, PdfReport report)
    {
        this.document = document;
        Report = report;
        Theme = report.Theme;
        var t = Theme;
        PageWidth = report.Landscape ? t.PageHeight : t.PageWidth;
        PageHeight = report.Landscape ? t.PageWidth : t.PageHeight;
        Left = t.MarginLeft;
        Width = PageWidth - t.MarginLeft - t.MarginRight;
        Top = t.MarginTop + t.HeaderHeight;
        Bottom = PageHeight - t.MarginBottom - t.FooterHeight;
        Culture = CultureInfo.CurrentCulture;
        NewPage();
    }

    public PdfReport Report { get; }
    public ReportTheme Theme { get; }
    public IStringLocalizer<SharedResource> L => Report.Localizer;
    public CultureInfo Culture { get; }
    public double PageWidth { get; }
    public double PageHeight { get; }
    public double Left { get; }
    public double Width { get; }
    public double Top { get; }
    public double Bottom { get; }
    public double Y { get; set; }
    public XGraphics Graphics => graphics!;
    public int PageCount => document.PageCount;
    public double Remaining => Bottom - Y;
    public double ContentHeight => Bottom - Top;
    public bool AtPageTop => Y <= Top + 0.01;

    /// <summary>Starts a new page when <paramref name="height"/> does not fit below <see cref="Y"/> (and the page is not empty).</summary>
    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom + 0.01 && !AtPageTop)
        {
            NewPage();
        }
    }

    public void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        graphics = XGraphics.FromPdfPage(page);
        Report.DrawHeader(graphics, PageWidth);
        Y = Top;
    }

    internal void Finish()
    {
        graphics?.Dispose();
        graphics = null;
    }
}
