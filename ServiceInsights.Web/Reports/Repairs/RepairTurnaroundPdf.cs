using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Repairs;

/// <summary>
/// 返厂维修周转 (CS-4) as a PDF, in the page's order: key figures with their targets, within-target by origin, the
/// working-day distribution, order / hand-over / status confirmation, fault causes, by model, the overdue and
/// unconfirmed repairs, every repair, and the settings in force on the last page. Long tables hold at most
/// <see cref="RuleFigures.PdfMaxRows"/> rows (the workbook has them all). Landscape: the detail has fourteen columns.
/// </summary>
public sealed class RepairTurnaroundPdf(RepairTurnaroundReport report, L localizer, DateTime generatedAt)
{
    /// <summary>The fault-cause pie shows this many causes and folds the rest into "other".</summary>
    private const int PieSlices = 6;

    private readonly IStringLocalizer _l = localizer;

    public byte[] Generate() => Compose().ToBytes();

    public PdfReport Compose() =>
        new PdfReport(new PdfReportHeader(_l[RepairTurnaroundDefinition.TitleKey], generatedAt)
            {
                Month = report.Month.FirstDay,
                AsOf = report.AsOf,
            }, localizer, landscape: true)
            .Compose(ComposeSummary)
            .Compose(ComposeByOrigin)
            .Compose(ComposeDistribution)
            .Compose(ComposeProcess)
            .Compose(ComposeFaultCauses)
            .Compose(ComposeByModel)
            .Compose(ComposeOverdue)
            .Compose(ComposeStatusGaps)
            .Compose(ComposeDetail)
            .Compose(ComposeSettings);

    private void ComposeSummary(PdfReport pdf)
    {
        var culture = CultureInfo.CurrentCulture;
        var distribution = report.Distribution;
        pdf.Heading(_l["Report.Pdf.Summary"])
            .Paragraph(_l["RepairReport.Intro", report.Month.ToString(), report.AsOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], muted: true)
            .KeyFigures(
            [
                new(_l["RepairReport.Received"], report.Repairs.ToString("N0", culture), _l["RepairReport.RepairedOpen", report.Repaired, report.Open]),
                RuleFigures.Card(report.Turnaround, _l),
                new(_l["RepairReport.MedianP90"],
                    distribution.Median is { } median ? $"{median.ToString("0.#", culture)} / {distribution.P90}" : "—",
                    _l["RepairReport.RepairedCount", distribution.Count]),
                new(_l["RepairReport.Overdue"], report.Overdue.Count.ToString("N0", culture), _l["RepairReport.OverdueCaption"],
                    report.Overdue.Count > 0 ? FigureStatus.Bad : FigureStatus.Good),
                RuleFigures.Card(report.SameDay, _l),
                RuleFigures.Card(report.DailyStatus, _l),
            ]);
        if (!report.CalendarComplete)
        {
            pdf.Highlight(_l["Kpi.CalendarIncomplete", string.Join("、", report.UnknownYears)], []);
        }

        if (report.Repairs == 0)
        {
            pdf.Paragraph(_l["RepairReport.None", report.Month.ToString()], muted: true);
        }

        pdf.Table(RuleFigures.RuleColumns(_l), [report.SameDay, report.Turnaround, report.DailyStatus]);
    }

    private void ComposeByOrigin(PdfReport pdf)
    {
        pdf.Heading(_l["RepairReport.ByOrigin"])
            .Paragraph(_l["RepairReport.ByOriginHint"], muted: true);
        var rated = report.ByOrigin.Where(r => r.Rate is not null).ToList();
        if (rated.Count > 0)
        {
            pdf.BarChart(new BarChart(_l["Kpi.Breakdown.Rate"], [.. rated.Select(r => RepairTurnaroundColumns.OriginName(r.Origin, _l))],
                [new ChartSeries(_l["Kpi.Breakdown.Rate"], [.. rated.Select(r => r.Rate!.Value)])]) { ValueFormat = CellFormat.Percent, Height = 110 });
        }

        pdf.Table(RepairTurnaroundColumns.ByOrigin(_l), report.ByOrigin);
    }

    private void ComposeDistribution(PdfReport pdf)
    {
        var distribution = report.Distribution;
        pdf.Heading(_l["RepairReport.Distribution"])
            .Paragraph(_l["RepairReport.DistributionHint"], muted: true);
        if (distribution.Count == 0)
        {
            pdf.Paragraph(_l["RepairReport.NoneRepaired"], muted: true);
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        pdf.KeyFigures(
            [
                new(_l["RepairReport.Median"], _l["RepairReport.DaysValue", distribution.Median?.ToString("0.#", culture) ?? "—"]),
                new("P90", _l["RepairReport.DaysValue", distribution.P90?.ToString(culture) ?? "—"]),
                new(_l["RepairReport.Max"], _l["RepairReport.DaysValue", distribution.Max?.ToString(culture) ?? "—"]),
                new(_l["RepairReport.Repairs"], distribution.Count.ToString("N0", culture)),
            ])
            .BarChart(new BarChart(_l["RepairReport.HistogramAxis"], [.. distribution.Histogram.Select(RepairTurnaroundColumns.BucketLabel)],
                [new ChartSeries(_l["RepairReport.Repairs"], [.. distribution.Histogram.Select(b => (double)b.Count)])]) { Height = 160 });
    }

    private void ComposeProcess(PdfReport pdf) => pdf
        .Heading(_l["RepairReport.Process"])
        .Paragraph(_l["RepairReport.ProcessHint"], muted: true)
        .Table(RepairTurnaroundColumns.Process(_l), RepairTurnaroundColumns.ProcessRows(report, _l));

    private void ComposeFaultCauses(PdfReport pdf)
    {
        pdf.Heading(_l["RepairReport.FaultCauses"]);
        var causes = report.FaultCauses.OrderByDescending(c => c.Repairs).ToList();
        if (causes.Count > 1)
        {
            var slices = causes.Take(PieSlices).Select(c => new PieSlice(string.IsNullOrEmpty(c.Cause) ? "—" : c.Cause, c.Repairs)).ToList();
            var rest = causes.Skip(PieSlices).Sum(c => c.Repairs);
            if (rest > 0)
            {
                slices.Add(new PieSlice(_l["RepairReport.OtherCauses"], rest));
            }

            pdf.PieChart(new PieChart(_l["RepairReport.Share"], slices) { Donut = true });
        }

        pdf.CappedTable(RepairTurnaroundColumns.FaultCauses(_l, report.Repairs), causes);
    }

    private void ComposeByModel(PdfReport pdf) => pdf
        .Heading(_l["RepairReport.ByModel"])
        .CappedTable(RepairTurnaroundColumns.ByModel(_l), report.ByModel);

    private void ComposeOverdue(PdfReport pdf)
    {
        pdf.Heading(_l["RepairReport.OverdueTitle", report.OpenRepairs.Count, report.Overdue.Count])
            .Paragraph(_l["RepairReport.OverdueHint", report.AsOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], muted: true);
        if (report.OpenRepairs.Count == 0)
        {
            pdf.Paragraph(_l["RepairReport.OverdueNone"]);
            return;
        }

        pdf.CappedTable(RepairTurnaroundColumns.Open(_l), report.OpenRepairs);
    }

    private void ComposeStatusGaps(PdfReport pdf)
    {
        pdf.Heading(_l["RepairReport.StatusGapsTitle", report.StatusGaps.Count]);
        if (report.StatusGaps.Count == 0)
        {
            pdf.Paragraph(_l["RepairReport.StatusGapsNone"]);
            return;
        }

        pdf.CappedTable(RepairTurnaroundColumns.StatusGaps(_l), report.StatusGaps);
    }

    private void ComposeDetail(PdfReport pdf) => pdf
        .Heading(_l["RepairReport.Detail", report.Rows.Count])
        .Paragraph(_l["RepairReport.Pdf.DetailHint"], muted: true)
        .CappedTable(RepairTurnaroundColumns.Detail(_l), report.Rows);

    private void ComposeSettings(PdfReport pdf) => pdf
        .Heading(_l["Report.Pdf.Settings"])
        .KeyValues(null, SettingsInForce.Pairs(report.Settings, _l, RepairTurnaroundColumns.SettingProperties))
        .Paragraph(_l["Report.SettingsNote"], muted: true);
}
