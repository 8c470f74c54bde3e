using PdfSharp.Drawing;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>
/// A table from a report's columns (<see cref="ReportColumn{TRow}"/>) and rows: column widths from the columns'
/// relative widths, cell text wrapped inside its cell (CJK-aware), each row as tall as its tallest cell, zebra rows,
/// numbers right-aligned and values formatted by <see cref="CellFormat"/> in the current culture. When the table goes
/// on to another page, its header row is drawn again there. An empty table shows one "no records" row.
/// Buffers (cell texts, wrapped lines) are reused row to row: tens of thousands of rows allocate little beyond their strings.
/// </summary>
public sealed class TableBlock<TRow>(IReadOnlyList<ReportColumn<TRow>> columns, IReadOnlyList<TRow> rows) : PdfBlock
{
    private const double PadX = 4;
    private const double PadY = 2.5;

    public IReadOnlyList<ReportColumn<TRow>> Columns => columns;
    public IReadOnlyList<TRow> Rows => rows;

    public override double StartHeight(PdfFlow flow)
    {
        var t = flow.Theme;
        var widths = ColumnWidths(flow.Width);
        var lines = new List<TextLine>();
        var headerLines = 1;
        for (var c = 0; c < columns.Count; c++)
        {
            TextWrapper.Wrap(columns[c].Header, FontFace.Bold, t.TableSize, widths[c] - 2 * PadX, lines);
            headerLines = Math.Max(headerLines, lines.Count);
        }

        return (headerLines + 1) * t.LineHeight(t.TableSize) + 4 * PadY;
    }

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var n = columns.Count;
        var widths = ColumnWidths(flow.Width);
        var xs = new double[n];
        for (var c = 1; c < n; c++)
        {
            xs[c] = xs[c - 1] + widths[c - 1];
        }

        var line = t.LineHeight(t.TableSize);
        var font = t.Font(t.TableSize);
        var boldFont = t.Font(t.TableSize, bold: true);
        var textBrush = t.Brush(t.Text);
        var zebra = t.Brush(t.ZebraFill);
        var face = FontFace.Regular;
        var maxLines = Math.Max(1, (int)((flow.ContentHeight - 2 * PadY) / line) - 4);

        // The header row, wrapped once and drawn on every page the table is on.
        var headerLines = new List<TextLine>[n];
        var headerRows = 1;
        for (var c = 0; c < n; c++)
        {
            headerLines[c] = [];
            TextWrapper.Wrap(columns[c].Header, FontFace.Bold, t.TableSize, widths[c] - 2 * PadX, headerLines[c]);
            headerRows = Math.Max(headerRows, headerLines[c].Count);
        }

        var headerHeight = headerRows * line + 2 * PadY;

        void DrawHeader()
        {
            var g = flow.Graphics;
            g.DrawRectangle(t.Brush(t.HeaderFill), flow.Left, flow.Y, flow.Width, headerHeight);
            for (var c = 0; c < n; c++)
            {
                var header = columns[c].Header;
                var right = columns[c].Format.IsRightAligned();
                var y = flow.Y + PadY;
                foreach (var l in headerLines[c])
                {
                    var text = l.Text(header);
                    if (right)
                    {
                        g.DrawTextRight(text, boldFont, t.Brush(t.Primary), flow.Left + xs[c] + widths[c] - PadX, y, line);
                    }
                    else
                    {
                        g.DrawText(text, boldFont, t.Brush(t.Primary), flow.Left + xs[c] + PadX, y, line);
                    }

                    y += line;
                }
            }

            g.DrawLine(t.Pen(t.Primary, 0.8), flow.Left, flow.Y + headerHeight, flow.Left + flow.Width, flow.Y + headerHeight);
            flow.Y += headerHeight;
        }

        flow.EnsureSpace(headerHeight + line + 2 * PadY);
        DrawHeader();

        if (rows.Count == 0)
        {
            var height = line + 2 * PadY;
            flow.Graphics.DrawTextCentred(flow.L["Pdf.NoRecords"].Value, font, t.Brush(t.Muted), flow.Left + flow.Width / 2, flow.Y + PadY, line);
            flow.Y += height;
            flow.Graphics.DrawLine(t.Pen(t.Rule, 0.6), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
            return;
        }

        var yes = flow.L["Pdf.Yes"].Value;
        var no = flow.L["Pdf.No"].Value;
        var culture = flow.Culture;
        var texts = new string[n];
        var cellLines = new List<TextLine>[n];
        var rightAligned = new bool[n];
        for (var c = 0; c < n; c++)
        {
            cellLines[c] = [];
            rightAligned[c] = columns[c].Format.IsRightAligned();
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var lineCount = 1;
            for (var c = 0; c < n; c++)
            {
                var column = columns[c];
                texts[c] = column.Format.FormatCell(column.Value(row), culture, yes, no);
                TextWrapper.Wrap(texts[c], face, t.TableSize, widths[c] - 2 * PadX, cellLines[c]);
                lineCount = Math.Max(lineCount, cellLines[c].Count);
            }

            lineCount = Math.Min(lineCount, maxLines);
            var height = lineCount * line + 2 * PadY;
            if (flow.Y + height > flow.Bottom)
            {
                flow.NewPage();
                DrawHeader();
            }

            var g = flow.Graphics;
            if (r % 2 == 1)
            {
                g.DrawRectangle(zebra, flow.Left, flow.Y, flow.Width, height);
            }

            for (var c = 0; c < n; c++)
            {
                var text = texts[c];
                var lines = cellLines[c];
                var brush = columns[c].Tone?.Invoke(row) is { } tone and not FigureStatus.Neutral ? t.Brush(t.StatusColor(tone)) : textBrush;
                var y = flow.Y + PadY;
                for (var i = 0; i < lines.Count && i < lineCount; i++)
                {
                    var l = lines[i];
                    if (rightAligned[c])
                    {
                        var right = flow.Left + xs[c] + widths[c] - PadX;
                        g.DrawText(l.Text(text), font, brush, right - face.Width(l.Of(text), t.TableSize), y, line);
                    }
                    else
                    {
                        g.DrawText(l.Text(text), font, brush, flow.Left + xs[c] + PadX, y, line);
                    }

                    y += line;
                }
            }

            flow.Y += height;
        }

        flow.Graphics.DrawLine(t.Pen(t.Rule, 0.6), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
    }

    private double[] ColumnWidths(double total)
    {
        var sum = columns.Sum(c => Math.Max(0.01, c.Width));
        return columns.Select(c => total * Math.Max(0.01, c.Width) / sum).ToArray();
    }
}
