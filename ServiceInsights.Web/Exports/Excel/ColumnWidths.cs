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

    public void MeasureCell(int column, object? value, CellFormat format) => Measure(column, TextWidth(DisplayText(value, format)));

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

    public static double TextWidth(string text)
    {
        double width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    /// <summary>Roughly how Excel shows the value in the column's format (only its length matters).</summary>
    public static string DisplayText(object? value, CellFormat format) => value switch
    {
        null => "",
        string s => s,
        DateOnly => "yyyy-mm-dd",
        DateTime => format == CellFormat.DateTime ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd",
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f when format == CellFormat.Percent => f.ToString("0.0%", CultureInfo.InvariantCulture),
        IFormattable f when format == CellFormat.Number => f.ToString("0.0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // East Asian Wide and Fullwidth blocks (Unicode TR 11), coarsely: Hangul Jamo, CJK radicals to Yi,
    // Hangul syllables, compatibility ideographs, vertical and fullwidth forms, and the supplementary ideographs.
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE10 and <= 0xFE19
            or >= 0xFE30 and <= 0xFE6F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x20000 and <= 0x3FFFD;
}
