using PdfSharp.Drawing;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>
/// One label–value cell of a <see cref="FormGridBlock"/>. <see cref="Span"/> is how many of the grid's label–value slots
/// it takes (its value cell grows); <see cref="Open"/> marks a value that is still missing or to do: it is drawn
/// highlighted, as the form's open items are.
/// </summary>
public sealed record FormField(string Label, string Value, int Span = 1, bool Open = false);

/// <summary>
/// A bordered form grid, as paper forms have: rows of shaded label cells each followed by its value cell,
/// <c>slots</c> label–value pairs to a row. Fields fill a row left to right; a field that does not fit the rest of the row
/// starts the next one, and the last field of a row stretches to its end. Labels and values wrap inside their cells
/// (CJK-aware); a row never splits across pages (a row taller than a page is cut to what fits, as table rows are).
/// </summary>
public sealed class FormGridBlock(IReadOnlyList<FormField> fields, int slots = 2, double labelShare = 0.34) : PdfBlock
{
    private const double PadX = 4;
    private const double PadY = 3;

    public IReadOnlyList<FormField> Fields => fields;

    public override double StartHeight(PdfFlow flow)
    {
        var rows = Layout(flow.Width);
        return rows.Count == 0 ? 0 : RowHeight(flow, rows[0], new List<TextLine>());
    }

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var line = t.LineHeight(t.TableSize);
        var maxLines = Math.Max(1, (int)((flow.ContentHeight - 2 * PadY) / line) - 2);
        var lines = new List<TextLine>();
        var border = t.Pen(t.Primary, 0.5);
        var labelFont = t.Font(t.TableSize, bold: true);
        var valueFont = t.Font(t.TableSize);
        foreach (var row in Layout(flow.Width))
        {
            var height = Math.Min(RowHeight(flow, row, lines), maxLines * line + 2 * PadY);
            flow.EnsureSpace(height);
            var g = flow.Graphics;
            foreach (var cell in row)
            {
                var x = flow.Left + cell.X;
                g.DrawRectangle(border, t.Brush(t.HeaderFill), x, flow.Y, cell.LabelWidth, height);
                DrawLines(g, cell.Field.Label, FontFace.Bold, labelFont, t.Brush(t.Primary), x, cell.LabelWidth, flow.Y, line, maxLines, lines, t);
                var valueX = x + cell.LabelWidth;
                var open = cell.Field.Open;
                g.DrawRectangle(border, open ? t.Brush(t.HighlightFill) : t.Brush(XColors.White), valueX, flow.Y, cell.ValueWidth, height);
                if (open)
                {
                    g.DrawRectangle(t.Brush(t.HighlightBar), valueX + 0.5, flow.Y + 0.5, 2, height - 1);
                }

                DrawLines(g, cell.Field.Value, FontFace.Regular, valueFont, t.Brush(open ? t.HighlightBar : t.Text), valueX, cell.ValueWidth, flow.Y,
                    line, maxLines, lines, t);
            }

            flow.Y += height;
        }
    }

    private static void DrawLines(XGraphics g, string text, FontFace face, XFont font, XBrush brush, double x, double width, double top,
        double line, int maxLines, List<TextLine> lines, ReportTheme t)
    {
        TextWrapper.Wrap(text, face, t.TableSize, width - 2 * PadX, lines);
        var y = top + PadY;
        for (var i = 0; i < lines.Count && i < maxLines; i++)
        {
            g.DrawText(lines[i].Text(text), font, brush, x + PadX, y, line);
            y += line;
        }
    }

    private static double RowHeight(PdfFlow flow, IReadOnlyList<GridCell> row, List<TextLine> lines)
    {
        var t = flow.Theme;
        var count = 1;
        foreach (var cell in row)
        {
            TextWrapper.Wrap(cell.Field.Label, FontFace.Bold, t.TableSize, cell.LabelWidth - 2 * PadX, lines);
            count = Math.Max(count, lines.Count);
            TextWrapper.Wrap(cell.Field.Value, FontFace.Regular, t.TableSize, cell.ValueWidth - 2 * PadX, lines);
            count = Math.Max(count, lines.Count);
        }

        return count * t.LineHeight(t.TableSize) + 2 * PadY;
    }

    /// <summary>The fields placed in rows: each cell's left edge and its label and value widths.</summary>
    private List<List<GridCell>> Layout(double width)
    {
        var n = Math.Max(1, slots);
        var slotWidth = width / n;
        var labelWidth = slotWidth * labelShare;
        var rows = new List<List<GridCell>>();
        var row = new List<(FormField Field, int Start, int Span)>();
        var used = 0;

        void Close()
        {
            if (row.Count == 0)
            {
                return;
            }

            // The last field of the row takes what is left of it.
            var last = row[^1];
            row[^1] = last with { Span = n - last.Start };
            rows.Add(row.Select(c => new GridCell(c.Field, c.Start * slotWidth, labelWidth, c.Span * slotWidth - labelWidth)).ToList());
            row.Clear();
            used = 0;
        }

        foreach (var field in fields)
        {
            var span = Math.Clamp(field.Span, 1, n);
            if (used + span > n)
            {
                Close();
            }

            row.Add((field, used, span));
            used += span;
        }

        Close();
        return rows;
    }

    private sealed record GridCell(FormField Field, double X, double LabelWidth, double ValueWidth);
}

/// <summary>A small bold caption over a table or grid; kept on the page with the start of the block after it.</summary>
public sealed class CaptionBlock(string text) : PdfBlock
{
    public string Text => text;

    private static double Height(ReportTheme t) => t.LineHeight(t.BodySize) + 1;

    public override double StartHeight(PdfFlow flow) => Height(flow.Theme);

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var keep = next is null or HeadingBlock or CaptionBlock or PageBreakBlock ? 0 : next.StartHeight(flow);
        flow.EnsureSpace(Height(t) + Math.Min(keep, flow.ContentHeight - Height(t)));
        flow.Graphics.DrawText(PdfCells.Fit(text, FontFace.Bold, t.BodySize, flow.Width), t.Font(t.BodySize, bold: true), t.Brush(t.Text),
            flow.Left, flow.Y, t.LineHeight(t.BodySize));
        flow.Y += Height(t);
    }

    public override double SpaceAfter(ReportTheme theme) => 2;
}
