using ServiceInsights.Data.Domain;

namespace ServiceInsights.Web.Exports.Excel;

/// <summary>The header block at the top of a report workbook's summary sheet; times are department-local.</summary>
public sealed record WorkbookHeader(string Title, ReportMonth Month, DateTime AsOf, DateTime GeneratedAt);

/// <summary>
/// One line of the summary's table of figures. <see cref="Value"/> and <see cref="Change"/> (against the previous
/// month) are written in <see cref="Format"/> (a rate as <see cref="CellFormat.Percent"/>, a count as
/// <see cref="CellFormat.Integer"/>); <see cref="Target"/> is a number in the same format or a text such as "≥ 95%".
/// </summary>
public sealed record SummaryFigure(
    string Label,
    double? Value,
    CellFormat Format = CellFormat.Percent,
    object? Target = null,
    int? Met = null,
    int? Eligible = null,
    int? Pending = null,
    double? Change = null)
{
    /// <summary>Written in place of a missing <see cref="Value"/> or <see cref="Change"/> ("无数据"); null leaves the cell empty.</summary>
    public string? NoData { get; init; }

    /// <summary>The colour of <see cref="Value"/>: a rule's rate against its target rate.</summary>
    public Pdf.FigureStatus Tone { get; init; } = Pdf.FigureStatus.Neutral;
}

/// <summary>A small table under the figures on the summary sheet ("by class", "by method"): a title, then a table.</summary>
public sealed record SummaryTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<CellFormat> Formats, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Builds the table from the same column declarations a detail sheet uses.</summary>
    public static SummaryTable Of<TRow>(string title, IReadOnlyList<ReportColumn<TRow>> columns, IEnumerable<TRow> rows) =>
        new(title, [.. columns.Select(c => c.Header)], [.. columns.Select(c => c.Format)],
            [.. rows.Select(row => columns.Select(c => c.Value(row)).ToArray())]);
}
