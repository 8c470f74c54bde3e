using PdfSharp.Drawing;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>A block of the page flow. <see cref="StartHeight"/> is the room it needs to begin on a page (a heading keeps
/// itself with at least that much of the block after it).</summary>
public abstract class PdfBlock
{
    public abstract double StartHeight(PdfFlow flow);

    public abstract void Render(PdfFlow flow, PdfBlock? next);

    public virtual double SpaceAfter(ReportTheme theme) => theme.BlockSpacing;
}

/// <summary>A section heading with a rule under it; never left alone at the bottom of a page.</summary>
public sealed class HeadingBlock(string text) : PdfBlock
{
    public string Text => text;

    private static double Height(ReportTheme t) => t.LineHeight(t.HeadingSize) + 5;

    public override double StartHeight(PdfFlow flow) => Height(flow.Theme);

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var keep = next is null or HeadingBlock or PageBreakBlock ? 0 : t.BlockSpacing + next.StartHeight(flow);
        flow.EnsureSpace(Height(t) + Math.Min(keep, flow.ContentHeight - Height(t)));
        if (!flow.AtPageTop)
        {
            flow.Y += 6;
        }

        var g = flow.Graphics;
        var line = t.LineHeight(t.HeadingSize);
        g.DrawRectangle(t.Brush(t.Primary), flow.Left, flow.Y + line * 0.2, 3, line * 0.6);
        g.DrawText(PdfCells.Fit(text, FontFace.Bold, t.HeadingSize, flow.Width - 8), t.Font(t.HeadingSize, bold: true), t.Brush(t.Primary), flow.Left + 8, flow.Y, line);
        flow.Y += line + 2;
        g.DrawLine(t.Pen(t.Rule, 0.6), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
        flow.Y += 3;
    }

    public override double SpaceAfter(ReportTheme theme) => 4;
}

/// <summary>Running text wrapped with <see cref="TextWrapper"/>; breaks across pages between lines.</summary>
public sealed class ParagraphBlock(string text, bool muted = false) : PdfBlock
{
    public override double StartHeight(PdfFlow flow)
    {
        var t = flow.Theme;
        return Math.Min(2, TextWrapper.CountLines(text, FontFace.Regular, t.BodySize, flow.Width)) * t.LineHeight(t.BodySize);
    }

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var lines = new List<TextLine>();
        TextWrapper.Wrap(text, FontFace.Regular, t.BodySize, flow.Width, lines);
        var height = t.LineHeight(t.BodySize);
        var font = t.Font(t.BodySize);
        var brush = t.Brush(muted ? t.Muted : t.Text);
        foreach (var line in lines)
        {
            flow.EnsureSpace(height);
            flow.Graphics.DrawText(line.Text(text), font, brush, flow.Left, flow.Y, height);
            flow.Y += height;
        }
    }
}

/// <summary>Starts a new page.</summary>
public sealed class PageBreakBlock : PdfBlock
{
    public override double StartHeight(PdfFlow flow) => 0;

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        if (!flow.AtPageTop)
        {
            flow.NewPage();
        }
    }
}

/// <summary>A key figure: its label, its value as text, its target as text (or null) and how it compares with it.</summary>
public sealed record KeyFigure(string Label, string Value, string? Target = null, FigureStatus Status = FigureStatus.Neutral);

/// <summary>A row of cards (up to four a row) with the label, the value in the status colour and the target.</summary>
public sealed class KeyFiguresBlock(IReadOnlyList<KeyFigure> figures) : PdfBlock
{
    private const int PerRow = 4;
    private const double Gap = 8;

    private static double CardHeight(ReportTheme t) => 8 + t.LineHeight(t.SmallSize) + t.LineHeight(t.FigureSize) + t.LineHeight(t.SmallSize) + 6;

    public override double StartHeight(PdfFlow flow) => CardHeight(flow.Theme);

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var height = CardHeight(t);
        for (var start = 0; start < figures.Count; start += PerRow)
        {
            flow.EnsureSpace(height);
            var inRow = Math.Min(PerRow, figures.Count - start);
            var width = (flow.Width - Gap * (PerRow - 1)) / PerRow;
            for (var i = 0; i < inRow; i++)
            {
                DrawCard(flow.Graphics, t, figures[start + i], flow.Left + i * (width + Gap), flow.Y, width, height);
            }

            flow.Y += height + (start + PerRow < figures.Count ? Gap : 0);
        }
    }

    private static void DrawCard(XGraphics g, ReportTheme t, KeyFigure figure, double x, double y, double width, double height)
    {
        var colour = t.StatusColor(figure.Status);
        g.DrawRoundedRectangle(t.Pen(t.Rule, 0.6), t.Brush(t.CardFill), x, y, width, height, 6, 6);
        g.DrawRectangle(t.Brush(colour), x, y + 6, 2.5, height - 12);
        var inner = width - 18;
        var small = t.LineHeight(t.SmallSize);
        var top = y + 6;
        g.DrawText(PdfCells.Fit(figure.Label, FontFace.Regular, t.SmallSize, inner), t.Font(t.SmallSize), t.Brush(t.Muted), x + 10, top, small);
        top += small;
        var big = t.LineHeight(t.FigureSize);
        g.DrawText(PdfCells.Fit(figure.Value, FontFace.Bold, t.FigureSize, inner), t.Font(t.FigureSize, bold: true), t.Brush(colour), x + 10, top, big);
        top += big;
        if (figure.Target is { } target)
        {
            g.DrawText(PdfCells.Fit(target, FontFace.Regular, t.SmallSize, inner), t.Font(t.SmallSize), t.Brush(t.Muted), x + 10, top, small);
        }
    }
}

/// <summary>Keys and values in two columns (the settings in force, an 8D header block); values wrap.</summary>
public sealed class KeyValueBlock(string? title, IReadOnlyList<KeyValuePair<string, string>> pairs) : PdfBlock
{
    private const double Padding = 3;

    public override double StartHeight(PdfFlow flow)
    {
        var t = flow.Theme;
        return (title is null ? 0 : t.LineHeight(t.BodySize) + 2) + t.LineHeight(t.BodySize) + 2 * Padding;
    }

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var line = t.LineHeight(t.BodySize);
        if (title is not null)
        {
            flow.EnsureSpace(StartHeight(flow));
            flow.Graphics.DrawText(title, t.Font(t.BodySize, bold: true), t.Brush(t.Text), flow.Left, flow.Y, line);
            flow.Y += line + 2;
        }

        var keyWidth = flow.Width * 0.36;
        var valueWidth = flow.Width - keyWidth - 4 * Padding;
        var keyLines = new List<TextLine>();
        var valueLines = new List<TextLine>();
        var font = t.Font(t.BodySize);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, value) = (pairs[i].Key, pairs[i].Value);
            TextWrapper.Wrap(key, FontFace.Regular, t.BodySize, keyWidth - 2 * Padding, keyLines);
            TextWrapper.Wrap(value, FontFace.Regular, t.BodySize, valueWidth, valueLines);
            var height = Math.Max(1, Math.Max(keyLines.Count, valueLines.Count)) * line + 2 * Padding;
            flow.EnsureSpace(height);
            var g = flow.Graphics;
            if (i % 2 == 0)
            {
                g.DrawRectangle(t.Brush(t.ZebraFill), flow.Left, flow.Y, flow.Width, height);
            }

            var y = flow.Y + Padding;
            foreach (var l in keyLines)
            {
                g.DrawText(l.Text(key), font, t.Brush(t.Muted), flow.Left + Padding, y, line);
                y += line;
            }

            y = flow.Y + Padding;
            foreach (var l in valueLines)
            {
                g.DrawText(l.Text(value), font, t.Brush(t.Text), flow.Left + keyWidth + 2 * Padding, y, line);
                y += line;
            }

            flow.Y += height;
            g.DrawLine(t.Pen(t.Rule, 0.4), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
        }
    }
}

/// <summary>A tinted box with a coloured bar, a title and bullet items (the 8D's open items); splits across pages.</summary>
public sealed class HighlightBlock(string title, IReadOnlyList<string> items) : PdfBlock
{
    private const double Padding = 8;

    public override double StartHeight(PdfFlow flow)
    {
        var t = flow.Theme;
        return 2 * Padding + t.LineHeight(t.BodySize) * (items.Count > 0 ? 2 : 1);
    }

    public override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        var line = t.LineHeight(t.BodySize);
        var textLeft = flow.Left + Padding + 14;
        var textWidth = flow.Width - 2 * Padding - 14;

        // The box's lines: the title, then each item's wrapped lines (the first with a bullet).
        var rows = new List<(string Text, bool Bold, bool Bullet)> { (title, true, false) };
        var wrapped = new List<TextLine>();
        foreach (var item in items)
        {
            TextWrapper.Wrap(item, FontFace.Regular, t.BodySize, textWidth, wrapped);
            for (var i = 0; i < wrapped.Count; i++)
            {
                rows.Add((wrapped[i].Text(item), false, i == 0));
            }
        }

        var index = 0;
        while (index < rows.Count)
        {
            flow.EnsureSpace(2 * Padding + line * Math.Min(2, rows.Count - index));
            var fit = Math.Max(1, Math.Min(rows.Count - index, (int)((flow.Remaining - 2 * Padding) / line)));
            var height = 2 * Padding + fit * line;
            var g = flow.Graphics;
            g.DrawRectangle(t.Brush(t.HighlightFill), flow.Left, flow.Y, flow.Width, height);
            g.DrawRectangle(t.Brush(t.HighlightBar), flow.Left, flow.Y, 3, height);
            var y = flow.Y + Padding;
            for (var i = 0; i < fit; i++, index++)
            {
                var (text, bold, bullet) = rows[index];
                if (bold)
                {
                    g.DrawText(text, t.Font(t.BodySize, bold: true), t.Brush(t.HighlightBar), flow.Left + Padding + 2, y, line);
                }
                else
                {
                    if (bullet)
                    {
                        g.DrawEllipse(t.Brush(t.HighlightBar), textLeft - 8, y + line / 2 - 1.5, 3, 3);
                    }

                    g.DrawText(text, t.Font(t.BodySize), t.Brush(t.Text), textLeft, y, line);
                }

                y += line;
            }

            flow.Y += height;
            if (index < rows.Count)
            {
                flow.NewPage();
            }
        }
    }
}
