using System.Globalization;
using PdfSharp.Drawing;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>Cell and text helpers shared by the blocks: a value's text by its <see cref="CellFormat"/>, alignment, and drawing a line of text by its top.</summary>
public static class PdfCells
{
    /// <summary>The text of a cell value in <paramref name="culture"/>; null is empty, bools are the given yes/no words.</summary>
    public static string FormatCell(this CellFormat format, object? value, CultureInfo culture, string yes, string no) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? yes : no,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // ICU's en-US time pattern puts a narrow no-break space (U+202F) before AM/PM, which the embedded font has no glyph for.
        DateTime t => t.ToString(format == CellFormat.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable n => format switch
        {
            CellFormat.Integer => n.ToString("N0", culture),
            CellFormat.Number => n.ToString("N1", culture),
            CellFormat.Percent => n.ToString("P1", culture),
            _ => n.ToString(null, culture),
        },
        _ => value.ToString() ?? "",
    };

    /// <summary>Numbers are right-aligned in tables.</summary>
    public static bool IsRightAligned(this CellFormat format) => format is CellFormat.Integer or CellFormat.Number or CellFormat.Percent;

    /// <summary>The baseline of a line of text of <paramref name="size"/> whose line box starts at <paramref name="top"/> with <paramref name="lineHeight"/>.</summary>
    public static double Baseline(double top, double size, double lineHeight) => top + (lineHeight - size) / 2 + 0.88 * size;

    /// <summary>Draws <paramref name="text"/> left-aligned in a line box starting at <paramref name="top"/>; no measuring.</summary>
    public static void DrawText(this XGraphics g, string text, XFont font, XBrush brush, double x, double top, double lineHeight)
    {
        if (text.Length > 0)
        {
            g.DrawString(text, font, brush, x, Baseline(top, font.Size, lineHeight));
        }
    }

    /// <summary>Draws <paramref name="text"/> right-aligned to <paramref name="right"/>, measured with the glyph cache.</summary>
    public static void DrawTextRight(this XGraphics g, string text, XFont font, XBrush brush, double right, double top, double lineHeight)
    {
        var face = ReportTheme.Face(font.Bold);
        g.DrawText(text, font, brush, right - face.Width(text, font.Size), top, lineHeight);
    }

    /// <summary>Draws <paramref name="text"/> centred on <paramref name="centre"/>, measured with the glyph cache.</summary>
    public static void DrawTextCentred(this XGraphics g, string text, XFont font, XBrush brush, double centre, double top, double lineHeight)
    {
        var face = ReportTheme.Face(font.Bold);
        g.DrawText(text, font, brush, centre - face.Width(text, font.Size) / 2, top, lineHeight);
    }

    /// <summary>Shortens <paramref name="text"/> with an ellipsis to fit <paramref name="maxWidth"/> (chart labels).</summary>
    public static string Fit(string text, FontFace face, double size, double maxWidth)
    {
        if (face.Width(text, size) <= maxWidth)
        {
            return text;
        }

        var ellipsis = face.Width("…", size);
        double width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += face.Advance(text[i]) * size;
            if (width + ellipsis > maxWidth)
            {
                return string.Concat(text.AsSpan(0, Math.Max(0, i)), "…");
            }
        }

        return text;
    }
}
