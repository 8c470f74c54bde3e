namespace ServiceInsights.Web.Exports;

/// <summary>How a cell's value is written: the Excel number format and the PDF text of the value.</summary>
public enum CellFormat
{
    /// <summary>Written as text, never as a formula (imported text may begin with =, +, - or @).</summary>
    Text,
    Integer,
    /// <summary>A number with one decimal (working days, hours).</summary>
    Number,
    /// <summary>A fraction 0…1 shown as a percentage with one decimal.</summary>
    Percent,
    /// <summary>A <see cref="DateOnly"/> or the date of a <see cref="DateTime"/> (department local time).</summary>
    Date,
    /// <summary>A department-local <see cref="DateTime"/> to the minute.</summary>
    DateTime,
}

/// <summary>
/// A column of a report's table, declared once per report: it drives both the PDF table (<see cref="Width"/> is the
/// relative share of the page width) and the Excel sheet (where widths are computed from the content).
/// <see cref="Header"/> is already localized; <see cref="Value"/> returns a string, a number, a bool, a
/// <see cref="DateOnly"/>, a local <see cref="System.DateTime"/> or null. <see cref="Tone"/>, when given, colours a cell's
/// text (green, amber, red; neutral leaves it black) in both the PDF and the workbook — a rate against its target.
/// </summary>
public sealed record ReportColumn<TRow>(string Header, Func<TRow, object?> Value, CellFormat Format = CellFormat.Text, double Width = 1,
    Func<TRow, Pdf.FigureStatus>? Tone = null);
