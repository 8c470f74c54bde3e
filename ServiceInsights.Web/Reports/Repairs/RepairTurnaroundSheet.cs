using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Excel;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Repairs;

/// <summary>
/// 返厂维修周转 (CS-4) as a workbook: the summary sheet (every figure of the page with its target, then the tables by
/// origin, the histogram, the process steps and the fault causes), one sheet per record kind — every repair, by model,
/// the overdue repairs, the repairs with unconfirmed days — and the settings in force. Every row, however many.
/// </summary>
public sealed class RepairTurnaroundSheet(RepairTurnaroundReport report, L localizer, DateTime generatedAt)
{
    private readonly IStringLocalizer _l = localizer;

    public Task<byte[]> GenerateAsync(CancellationToken cancellationToken = default) =>
        ReportWorkbook.WriteAsync(
            localizer,
            new WorkbookHeader(_l[RepairTurnaroundDefinition.TitleKey], report.Month, report.AsOf, generatedAt),
            async workbook =>
            {
                await workbook.WriteSummaryAsync(Figures(), Tables(), cancellationToken);
                await workbook.WriteDetailAsync(_l["RepairReport.Sheet.Detail"], RepairTurnaroundColumns.DetailSheet(_l), report.Rows, cancellationToken);
                await workbook.WriteDetailAsync(_l["RepairReport.Sheet.ByModel"], RepairTurnaroundColumns.ByModel(_l), report.ByModel, cancellationToken);
                await workbook.WriteDetailAsync(_l["RepairReport.Sheet.Overdue"], RepairTurnaroundColumns.Open(_l), report.OpenRepairs, cancellationToken);
                await workbook.WriteDetailAsync(_l["RepairReport.Sheet.StatusGaps"], RepairTurnaroundColumns.StatusGaps(_l), report.StatusGaps, cancellationToken);
                await workbook.WriteSettingsAsync(SettingsInForce.Pairs(report.Settings, _l, RepairTurnaroundColumns.SettingProperties), cancellationToken);
            },
            cancellationToken);

    /// <summary>The page's cards and the three CS-4 rules with their targets.</summary>
    public IReadOnlyList<SummaryFigure> Figures() =>
    [
        new(_l["RepairReport.Received"], report.Repairs, CellFormat.Integer),
        new(_l["RepairReport.StateRepaired"], report.Repaired, CellFormat.Integer),
        new(_l["RepairReport.StateOpen"], report.Open, CellFormat.Integer),
        RuleFigures.Figure(report.SameDay, _l),
        new(_l["RepairReport.SameDayOrder"], report.SameDaySteps.OrderRate, CellFormat.Percent,
            Met: report.SameDaySteps.OrderMet, Eligible: report.SameDaySteps.OrderEligible),
        new(_l["RepairReport.SameDayHandOver"], report.SameDaySteps.HandOverRate, CellFormat.Percent,
            Met: report.SameDaySteps.HandOverMet, Eligible: report.SameDaySteps.HandOverEligible),
        RuleFigures.Figure(report.Turnaround, _l),
        RuleFigures.Figure(report.DailyStatus, _l),
        new(_l["RepairReport.Median"], report.Distribution.Median, CellFormat.Number, Eligible: report.Distribution.Count),
        new("P90", report.Distribution.P90, CellFormat.Integer, Eligible: report.Distribution.Count),
        new(_l["RepairReport.Max"], report.Distribution.Max, CellFormat.Integer, Eligible: report.Distribution.Count),
        new(_l["RepairReport.Overdue"], report.Overdue.Count, CellFormat.Integer),
        new(_l["RepairReport.Sheet.StatusGaps"], report.StatusGaps.Count, CellFormat.Integer),
    ];

    private IReadOnlyList<SummaryTable> Tables() =>
    [
        SummaryTable.Of(_l["RepairReport.ByOrigin"], RepairTurnaroundColumns.ByOrigin(_l), report.ByOrigin),
        SummaryTable.Of(_l["RepairReport.Distribution"], RepairTurnaroundColumns.Histogram(_l), report.Distribution.Histogram),
        SummaryTable.Of(_l["RepairReport.Process"], RepairTurnaroundColumns.Process(_l), RepairTurnaroundColumns.ProcessRows(report, _l)),
        SummaryTable.Of(_l["RepairReport.FaultCauses"], RepairTurnaroundColumns.FaultCauses(_l, report.Repairs), report.FaultCauses.OrderByDescending(c => c.Repairs)),
    ];
}
