using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports.Excel;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Exports;

/// <summary>
/// How the report exports state the metric engine's results and long lists: a rule as a PDF card, a table row and an
/// Excel summary figure (the same rate, target and counts as the page's rule card), the missed / pending verdicts as a
/// table, and the cap on a PDF table's rows.
/// </summary>
public static class RuleFigures
{
    /// <summary>
    /// A PDF table lists at most this many rows; the Excel file always has every row. A real month has a few hundred
    /// callbacks and complaints (every row fits in a handful of pages); a month of the 1M-ticket bench has ~70,000, which
    /// would be ~1,300 pages nobody reads and take far longer than the PDF's 1 s budget.
    /// </summary>
    public const int PdfMaxRows = 500;

    /// <summary>Green from 95 %, amber from 80 %, red below: the page's colours (<see cref="KpiText.ColorOf"/>).</summary>
    public static FigureStatus StatusOf(double? rate) => rate switch
    {
        null => FigureStatus.Neutral,
        >= KpiText.Good => FigureStatus.Good,
        >= KpiText.Fair => FigureStatus.Warning,
        _ => FigureStatus.Bad,
    };

    /// <summary>A rule's rate against its target, as the PDF and workbook colour it (<see cref="KpiText.ColorOf(RateStatus)"/>).</summary>
    public static FigureStatus StatusOf(RateStatus status) => status switch
    {
        RateStatus.Met => FigureStatus.Good,
        RateStatus.Near => FigureStatus.Warning,
        RateStatus.Below => FigureStatus.Bad,
        _ => FigureStatus.Neutral,
    };

    /// <summary>"CS-7b 重点产品电话回访".</summary>
    public static string Name(MetricResult result, IStringLocalizer l) => $"{result.Id} {l[KpiText.NameKey(result.Id)]}";

    public static KeyFigure Card(MetricResult result, IStringLocalizer l) =>
        new(Name(result, l), KpiText.Rate(result.Rate), l["Kpi.Target", KpiText.Target(result)], StatusOf(result.Rate));

    public static SummaryFigure Figure(MetricResult result, IStringLocalizer l) =>
        new(Name(result, l), result.Rate, CellFormat.Percent, KpiText.Target(result), result.Met, result.Eligible, result.Pending);

    /// <summary>The rules as a table: rule, rate, met, eligible, pending, target.</summary>
    public static IReadOnlyList<ReportColumn<MetricResult>> RuleColumns(IStringLocalizer l) =>
    [
        new(l["Workbook.Figure"], r => Name(r, l), Width: 2.6),
        new(l["Workbook.Value"], r => r.Rate, CellFormat.Percent, 0.8),
        new(l["Workbook.Met"], r => r.Met, CellFormat.Integer, 0.7),
        new(l["Workbook.Eligible"], r => r.Eligible, CellFormat.Integer, 0.7),
        new(l["Workbook.Pending"], r => r.Pending, CellFormat.Integer, 0.7),
        new(l["Workbook.Target"], r => KpiText.Target(r), Width: 1.6),
    ];

    /// <summary>A rule's missed and pending records with the engine's reason (the page's <c>MissedVerdicts</c>).</summary>
    public static IReadOnlyList<ReportColumn<RecordVerdict>> VerdictColumns(IStringLocalizer l) =>
    [
        new(l["Report.Record"], v => v.Key, Width: 1.2),
        new(l["Report.Staff"], v => v.Staff, Width: 0.8),
        new(l["Report.Verdict"], v => l[$"Kpi.Verdict.{v.Verdict}"].Value, Width: 0.7),
        new(l["Report.Reason"], v => KpiText.Reason(v), Width: 3.3),
    ];

    public static IReadOnlyList<RecordVerdict> MissedAndPending(MetricResult result) =>
        [.. result.Verdicts.Where(v => v.Verdict is Verdict.Missed or Verdict.Pending)];

    /// <summary>
    /// The table with at most <see cref="PdfMaxRows"/> rows; when there are more, a note above it says how many are left out
    /// and that the Excel file has them all.
    /// </summary>
    public static PdfReport CappedTable<TRow>(this PdfReport pdf, IReadOnlyList<ReportColumn<TRow>> columns, IReadOnlyList<TRow> rows)
    {
        if (rows.Count <= PdfMaxRows)
        {
            return pdf.Table(columns, rows);
        }

        return pdf.Paragraph(pdf.Localizer["Report.Pdf.Capped", PdfMaxRows, rows.Count].Value, muted: true)
            .Table(columns, [.. rows.Take(PdfMaxRows)]);
    }
}
