using System.Globalization;

namespace ServiceInsights.Web.Exports.Excel;

/// <summary>
/// Column widths computed from the text, in Excel's width unit (one digit of the default font): a CJK or other
/// full-width character counts two units, anything else one. ClosedXML's <c>AdjustToContents</c> would measure with
/// libgdiplus, which a bare server lacks, and a streaming writer has to fix widths before the first row anyway.
/// </summary>
public sealed class ColumnWidths(int count)
{
    public const double Min = 8;

    /// <summary>Wider columns wrap their text instead of growing.</summary>
    public const double Max = 50;

    private const double Padding = 2;

    private readonly double[] _widest = new double[count];

    public int Count => _widest.Length;

    /// <summary>Headers are bold: a little wider than the same text in a cell.</summary>
    public void MeasureHeader(int column, string header) => Measure(column, TextWidth(header) * 1.1);

    public void MeasureCell(int column, object? value, CellFormat format) => Measure(column, CellWidth(value, format));

    public void Measure(int column, double width)
    {
        if (column < _widest.Length && width > _widest[column])
        {
            _widest[column] = width;
        }
    }

    public double Width(int column) => Math.Clamp(Math.Ceiling(_widest[column] + Padding), Min, Max);

    /// <summary>True when the column's longest text does not fit the capped width: its cells wrap.</summary>
    public bool Wraps(int column) => _widest[column] + Padding > Max;

    /// <summary>Counts the UTF-16 units: a supplementary ideograph (two units, a surrogate pair) comes out as two.</summary>
    public static double TextWidth(string text)
    {
        var width = 0;
        foreach (var ch in text)
        {
            width += IsWide(ch) ? 2 : 1;
        }

        return width;
    }

    /// <summary>
    /// The width of the value as Excel shows it in the column's format. Numbers are formatted into a stack buffer:
    /// this runs for every cell of a 100,000-row sheet.
    /// </summary>
    public static double CellWidth(object? value, CellFormat format)
    {
        switch (value)
        {
            case null:
                return 0;
            case string s:
                return TextWidth(s);
            case DateOnly:
                return "yyyy-mm-dd".Length;
            case DateTime:
                return format == CellFormat.DateTime ? "yyyy-mm-dd hh:mm".Length : "yyyy-mm-dd".Length;
            case bool:
                return "FALSE".Length;
            case ISpanFormattable number:
                Span<char> buffer = stackalloc char[64];
                var pattern = format switch { CellFormat.Percent => "0.0%", CellFormat.Number => "0.0", _ => null };
                return number.TryFormat(buffer, out var written, pattern, CultureInfo.InvariantCulture) ? written : buffer.Length;
            default:
                return TextWidth(value.ToString() ?? "");
        }
    }

    // East Asian Wide and Fullwidth blocks (Unicode TR 11), coarsely: Hangul Jamo, CJK radicals to Yi, Hangul
    // syllables, compatibility ideographs, vertical and fullwidth forms. Supplementary ideographs arrive as two
    // surrogates and count two anyway.
    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F'
            or >= '\u2E80' and <= '\uA4CF'
            or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE10' and <= '\uFE19'
            or >= '\uFE30' and <= '\uFE6F'
            or >= '\uFF00' and <= '\uFF60'
            or >= '\uFFE0' and <= '\uFFE6';
}
