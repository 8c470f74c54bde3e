using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Excel;
using ServiceInsights.Web.Exports.FollowUps;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Callbacks;

/// <summary>
/// 回访报告 (CS-7d) as a workbook: the summary sheet (every figure of the page with its target, then the small tables by
/// method, week, answer, score and product family), then one sheet per record kind — every callback, the action list,
/// the phone-callback verdicts (CS-3d, OS-2d) — and the settings in force. Every row, however many.
/// </summary>
public sealed class CallbackReportSheet(CallbackReport report, L localizer, DateTime generatedAt)
{
    private readonly IStringLocalizer _l = localizer;

    public Task<byte[]> GenerateAsync(CancellationToken cancellationToken = default) =>
        ReportWorkbook.WriteAsync(
            localizer,
            new WorkbookHeader(_l[CallbackReportDefinition.TitleKey], report.Month, report.AsOf, generatedAt),
            async workbook =>
            {
                await workbook.WriteSummaryAsync(Figures(), Tables(), cancellationToken);
                await workbook.WriteDetailAsync(_l["CallbackReport.Detail"], CallbackReportColumns.Detail(_l), report.Detail, cancellationToken);
                await workbook.WriteDetailAsync(_l["CallbackReport.ActionList"], CallbackReportColumns.ActionList(_l), report.ActionList, cancellationToken);
                await workbook.WriteDetailAsync(_l["CallbackReport.Sheet.Open"], CallbackReportColumns.Open(_l), report.Open, cancellationToken);
                await workbook.WriteDetailAsync(_l["FollowUps.Sheet"], FollowUpColumns.Carried(_l), report.FollowUps, cancellationToken);
                await workbook.WriteDetailAsync(_l["Report.Sheet.PhoneTimeliness"], TimelinessColumns(),
                    [.. new[] { report.Rules.PhoneFollowUp, report.Rules.VisitFollowUp }
                        .SelectMany(rule => RuleFigures.MissedAndPending(rule).Select(v => (rule.Id, v)))], cancellationToken);
                await workbook.WriteSettingsAsync(CallbackReportColumns.Settings(report, _l), cancellationToken);
            },
            cancellationToken);

    /// <summary>The page's cards and the callback rules, each with its target where the standard sets one.</summary>
    public IReadOnlyList<SummaryFigure> Figures() =>
    [
        new(_l["CallbackReport.Total"], report.Reach.Total, CellFormat.Integer),
        new(_l["CallbackReport.PhoneReachRate"], report.PhoneReach.Rate, CellFormat.Percent, Met: report.PhoneReach.Reached, Eligible: report.PhoneReach.Total),
        new(_l["CallbackReport.SmsReplyRate"], report.SmsReply.Rate, CellFormat.Percent, Met: report.SmsReply.Reached, Eligible: report.SmsReply.Total),
        new(_l["CallbackReport.AverageSatisfaction"], report.Answers.AverageSatisfaction, CellFormat.Number, Eligible: report.Answers.SatisfactionAnswered),
        new(_l["CallbackReport.SolvedRate"], report.Answers.Solved.YesRate, CellFormat.Percent, Met: report.Answers.Solved.Yes, Eligible: report.Answers.Solved.Answered),
        new(_l["CallbackReport.Running"], report.Answers.RunningNormally.YesRate, CellFormat.Percent, Met: report.Answers.RunningNormally.Yes,
            Eligible: report.Answers.RunningNormally.Answered),
        new(_l["CallbackReport.Needs"], report.OtherNeeds.Count, CellFormat.Integer),
        new(_l["CallbackReport.ActionList"], report.ActionList.Count, CellFormat.Integer),
        .. report.Rules.All.Select(rule => RuleFigures.Figure(rule, _l)),
    ];

    private IReadOnlyList<SummaryTable> Tables() =>
    [
        SummaryTable.Of(_l["CallbackReport.ByMethodAndWeek"], CallbackReportColumns.ByMethod(_l), report.ByMethod),
        SummaryTable.Of(_l["Report.Pdf.ByWeekChart"], CallbackReportColumns.ByWeek(_l), report.ByWeek),
        SummaryTable.Of(_l["CallbackReport.Answers"], CallbackReportColumns.Answers(_l), CallbackReportColumns.AnswerRows(report, _l)),
        SummaryTable.Of(_l["CallbackReport.Satisfaction"], CallbackReportColumns.Satisfaction(_l), CallbackReportColumns.SatisfactionRows(report, _l)),
        SummaryTable.Of(_l["CallbackReport.KeyProductByFamily"], CallbackReportColumns.KeyProducts(_l), report.KeyProductCoverage),
    ];

    private IReadOnlyList<ReportColumn<(string Rule, RecordVerdict Verdict)>> TimelinessColumns() =>
    [
        new(_l["Report.Rule"], r => r.Rule),
        .. RuleFigures.VerdictColumns(_l).Select(c => new ReportColumn<(string Rule, RecordVerdict Verdict)>(c.Header, r => c.Value(r.Verdict), c.Format, c.Width)),
    ];
}
