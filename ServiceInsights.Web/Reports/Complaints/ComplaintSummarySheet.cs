using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Excel;
using ServiceInsights.Web.Exports.FollowUps;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Complaints;

/// <summary>
/// 投诉月度汇总 (CP-2f) as a workbook: the summary sheet (every figure of the page and every complaint rule with its
/// target, then the tables by class, source, product and cause), then every complaint, the open ones, the CAPA status,
/// the class-3 case studies, and the settings in force.
/// </summary>
public sealed class ComplaintSummarySheet(ComplaintSummary summary, L localizer, DateTime generatedAt)
{
    private readonly IStringLocalizer _l = localizer;

    public Task<byte[]> GenerateAsync(CancellationToken cancellationToken = default) =>
        ReportWorkbook.WriteAsync(
            localizer,
            new WorkbookHeader(_l[ComplaintSummaryDefinition.TitleKey], summary.Month, summary.AsOf, generatedAt),
            async workbook =>
            {
                await workbook.WriteSummaryAsync(Figures(), Tables(), cancellationToken);
                await workbook.WriteDetailAsync(_l["ComplaintSummary.Detail"], ComplaintSummaryColumns.Detail(_l), summary.Detail, cancellationToken);
                await workbook.WriteDetailAsync(_l["ComplaintSummary.OpenTitle"], ComplaintSummaryColumns.Open(_l), summary.Open, cancellationToken);
                await workbook.WriteDetailAsync(_l["Report.Sheet.Capa"], ComplaintSummaryColumns.Capa(_l), summary.Capa, cancellationToken);
                await workbook.WriteDetailAsync(_l["FollowUps.Sheet"], FollowUpColumns.Carried(_l), summary.FollowUps, cancellationToken);
                await workbook.WriteDetailAsync(_l["ComplaintSummary.CaseStudies"], ComplaintSummaryColumns.CaseStudy(_l), summary.CaseStudies, cancellationToken);
                await workbook.WriteSettingsAsync(ComplaintSummaryColumns.Settings(summary, _l), cancellationToken);
            },
            cancellationToken);

    /// <summary>The page's cards, then CS-8b and the stage rules with their targets.</summary>
    public IReadOnlyList<SummaryFigure> Figures() =>
    [
        new(_l["ComplaintSummary.Total"], summary.Total, CellFormat.Integer),
        new(_l["Report.Closed"], summary.Closed, CellFormat.Integer),
        new(_l["ComplaintSummary.Open"], summary.Open.Count, CellFormat.Integer),
        new(_l["ComplaintSummary.CapaVerifiedCard"], summary.CapaVerified, CellFormat.Integer),
        new(_l["FollowUps.CarriedOpen"], summary.FollowUps.Count, CellFormat.Integer),
        new(_l["FollowUps.CarriedOverdue"], summary.FollowUps.Count(r => r.Overdue), CellFormat.Integer),
        .. summary.ByClass.Select(c => new SummaryFigure(ComplaintSummaryColumns.ClassName(c.Level, _l), c.Count, CellFormat.Integer)),
        new(_l["Report.OldestOpenDays"], summary.Open.Count > 0 ? summary.Open[0].AgeDays : null, CellFormat.Integer),
        RuleFigures.Figure(summary.Rules.SalesFeedback, _l),
        .. summary.Rules.Stages.Select(rule => RuleFigures.Figure(rule, _l)),
    ];

    private IReadOnlyList<SummaryTable> Tables() =>
    [
        SummaryTable.Of(_l["ComplaintSummary.ByClass"], ComplaintSummaryColumns.ByClass(_l, summary.Total), summary.ByClass),
        SummaryTable.Of(_l["ComplaintSummary.ClassReason"], ComplaintSummaryColumns.ClassReasons(_l), ComplaintSummaryColumns.Escalated(summary)),
        SummaryTable.Of(_l["ComplaintSummary.BySource"], ComplaintSummaryColumns.BySource(_l, summary.Total), summary.BySource),
        SummaryTable.Of(_l["ComplaintSummary.ByProduct"],
            ComplaintSummaryColumns.ByGroup(_l["Report.Product"], _l["ComplaintSummary.NoProduct"], _l, summary.Total), summary.ByProduct),
        SummaryTable.Of(_l["ComplaintSummary.ByCause"],
            ComplaintSummaryColumns.ByGroup(_l["ComplaintSummary.Cause"], _l["ComplaintSummary.NoCause"], _l, summary.Total), summary.ByCause),
    ];
}
