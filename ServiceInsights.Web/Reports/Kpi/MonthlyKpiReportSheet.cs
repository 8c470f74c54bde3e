using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Excel;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Kpi;

/// <summary>
/// 月度KPI as a workbook: the summary sheet (every rule with its target, result, met / eligible / pending and the change
/// against the previous month as a rate difference), then the 12-month trend, the DP-1 staff table and the VIP split as
/// sheets, and the settings in force.
/// </summary>
public sealed class MonthlyKpiReportSheet(MonthlyKpiReport report, L localizer, DateTime generatedAt)
{
    private readonly IStringLocalizer _l = localizer;

    public Task<byte[]> GenerateAsync(CancellationToken cancellationToken = default) =>
        ReportWorkbook.WriteAsync(
            localizer,
            new WorkbookHeader(_l[MonthlyKpiReportDefinition.TitleKey], report.Month, report.AsOf, generatedAt),
            async workbook =>
            {
                await workbook.WriteSummaryAsync(Figures(), cancellationToken: cancellationToken);
                await workbook.WriteDetailAsync(_l["KpiReport.Sheet.Rules"], MonthlyKpiColumns.RulesWithComments(report, _l), report.Rules, cancellationToken);
                await workbook.WriteDetailAsync(_l["KpiReport.Sheet.Trend"], MonthlyKpiColumns.Trend(report, _l), report.Rules, cancellationToken);
                await workbook.WriteDetailAsync(_l["KpiReport.Sheet.Staff"], MonthlyKpiColumns.Staff(_l),
                    [.. report.Staff.OrderBy(r => r.Staff, StringComparer.CurrentCulture)], cancellationToken);
                await workbook.WriteDetailAsync(_l["KpiReport.Sheet.Vip"], MonthlyKpiColumns.Vip(_l), MonthlyKpiColumns.VipRows(report), cancellationToken);
                await workbook.WriteSettingsAsync(SettingsInForce.Pairs(report.Settings, _l), cancellationToken);
            },
            cancellationToken);

    /// <summary>Every rule of the month; the change is this month's rate minus the previous month's (a percentage-point difference).</summary>
    public IReadOnlyList<SummaryFigure> Figures() =>
    [
        .. report.Rules.Select(r => new SummaryFigure(MonthlyKpiColumns.RuleName(r.Id, _l), r.Rate, CellFormat.Percent, r.Target.In(Hosting.Localization.IsChinese()),
            r.Met, r.Eligible, r.Pending, r.Rate is { } now && r.PreviousRate is { } before ? now - before : null)
        {
            NoData = _l["Kpi.Status.None"],
            Tone = RuleFigures.StatusOf(r.Status),
        }),
    ];
}
