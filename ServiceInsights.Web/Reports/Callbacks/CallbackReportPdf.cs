using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.FollowUps;
using ServiceInsights.Web.Exports.Pdf;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Callbacks;

/// <summary>
/// 回访报告 (CS-7d) as a PDF, in the page's order: key figures and the callback rules, methods and weeks, the answers and
/// satisfaction, other needs, key-product coverage by family, phone-callback timeliness, the action list, every callback,
/// and the settings in force on the last page. Tables hold at most <see cref="RuleFigures.PdfMaxRows"/> rows.
/// </summary>
public sealed class CallbackReportPdf(CallbackReport report, L localizer, DateTime generatedAt)
{
    private readonly IStringLocalizer _l = localizer;

    public byte[] Generate() => Compose().ToBytes();

    public PdfReport Compose() =>
        new PdfReport(new PdfReportHeader(_l[CallbackReportDefinition.TitleKey], generatedAt)
            {
                Month = report.Month.FirstDay,
                AsOf = report.AsOf,
            }, localizer, landscape: true)
            .Compose(ComposeSummary)
            .Compose(ComposeMethodsAndWeeks)
            .Compose(ComposeAnswers)
            .Compose(ComposeOtherNeeds)
            .Compose(ComposeKeyProducts)
            .Compose(ComposeTimeliness)
            .Compose(ComposeActionList)
            .Compose(ComposeDetail)
            .Compose(ComposeSettings);

    private void ComposeSummary(PdfReport pdf)
    {
        var culture = CultureInfo.CurrentCulture;
        pdf.Heading(_l["Report.Pdf.Summary"])
            .KeyFigures(
            [
                new(_l["CallbackReport.Total"], report.Reach.Total.ToString("N0", culture), _l["CallbackReport.ByKind", report.PhoneReach.Total, report.SmsReply.Total]),
                new(_l["CallbackReport.PhoneReachRate"], KpiText.Rate(report.PhoneReach.Rate),
                    _l["CallbackReport.PhoneReachedOf", report.PhoneReach.Reached, report.PhoneReach.Total], RuleFigures.StatusOf(report.PhoneReach.Rate)),
                new(_l["CallbackReport.SmsReplyRate"], KpiText.Rate(report.SmsReply.Rate),
                    _l["CallbackReport.SmsRepliedOf", report.SmsReply.Reached, report.SmsReply.Total], RuleFigures.StatusOf(report.SmsReply.Rate)),
                new(_l["CallbackReport.AverageSatisfaction"], report.Answers.AverageSatisfaction?.ToString("0.0", culture) ?? "—",
                    _l["CallbackReport.AnsweredOf", report.Answers.SatisfactionAnswered]),
                new(_l["CallbackReport.SolvedRate"], KpiText.Rate(report.Answers.Solved.YesRate), _l["CallbackReport.AnsweredOf", report.Answers.Solved.Answered],
                    RuleFigures.StatusOf(report.Answers.Solved.YesRate)),
                RuleFigures.Card(report.Rules.SmsCallback, _l),
                RuleFigures.Card(report.Rules.KeyProductPhone, _l),
                RuleFigures.Card(report.Rules.PhoneFollowUp, _l),
                new(_l["CallbackReport.ActionList"], report.ActionList.Count.ToString("N0", culture), _l["CallbackReport.ActionListHint"],
                    report.ActionList.Count > 0 ? FigureStatus.Bad : FigureStatus.Neutral),
            ]);
        if (report.IsEmpty)
        {
            pdf.Paragraph(_l["CallbackReport.Empty"], muted: true);
        }

        pdf.Table(RuleFigures.RuleColumns(_l), report.Rules.All)
            .Paragraph(_l["CallbackReport.RulesNote"], muted: true);
    }

    private void ComposeMethodsAndWeeks(PdfReport pdf)
    {
        pdf.Heading(_l["CallbackReport.ByMethodAndWeek"])
            .Table(CallbackReportColumns.ByMethod(_l), report.ByMethod);
        if (report.IsEmpty)
        {
            return;
        }

        var weeks = report.ByWeek.Select(w => CallbackReportColumns.WeekLabel(w, _l)).ToList();
        List<ChartSeries> series =
        [
            new(CallbackReportColumns.Method(CallbackMethod.SmsWeekly, _l), [.. report.ByWeek.Select(w => (double)w.SmsWeekly)]),
            new(CallbackReportColumns.Method(CallbackMethod.SmsMonthly, _l), [.. report.ByWeek.Select(w => (double)w.SmsMonthly)]),
            new(CallbackReportColumns.Method(CallbackMethod.Phone, _l), [.. report.ByWeek.Select(w => (double)w.Phone)]),
        ];
        if (report.ByWeek.Any(w => w.Unstated > 0))
        {
            series.Add(new(CallbackReportColumns.Method(null, _l), [.. report.ByWeek.Select(w => (double)w.Unstated)]));
        }

        pdf.BarChart(new BarChart(_l["Report.Pdf.ByWeekChart"], weeks, series))
            .Paragraph(_l["CallbackReport.WeekNote"], muted: true)
            .Table(CallbackReportColumns.ByWeek(_l), report.ByWeek);
    }

    private void ComposeAnswers(PdfReport pdf)
    {
        pdf.Heading(_l["CallbackReport.Answers"])
            .Table(CallbackReportColumns.Answers(_l), CallbackReportColumns.AnswerRows(report, _l))
            .Paragraph(_l["Report.Pdf.AnswersNote", report.Answers.Reached], muted: true);
        var scores = CallbackReportColumns.SatisfactionRows(report, _l);
        if (report.Answers.SatisfactionAnswered > 0)
        {
            pdf.PieChart(new PieChart(_l["CallbackReport.Satisfaction"],
                [.. scores.Take(5).Reverse().Select(s => new PieSlice(s.Score, s.Count)).Where(s => s.Value > 0)]) { Donut = true });
        }

        pdf.Paragraph(_l["CallbackReport.SatisfactionNote", report.Answers.SatisfactionUnanswered], muted: true)
            .Table(CallbackReportColumns.Satisfaction(_l), scores);
    }

    private void ComposeOtherNeeds(PdfReport pdf) => pdf
        .Heading(_l["CallbackReport.OtherNeeds"])
        .CappedTable(CallbackReportColumns.OtherNeeds(_l), report.OtherNeeds)
        .Paragraph(_l["CallbackReport.OtherNeedsNote"], muted: true);

    private void ComposeKeyProducts(PdfReport pdf)
    {
        pdf.Heading(_l["CallbackReport.KeyProductByFamily"]);
        var families = report.KeyProductCoverage.Where(f => f.Rate is not null).ToList();
        if (families.Count > 0)
        {
            pdf.BarChart(new BarChart(_l["Report.Rate"], [.. families.Select(f => f.Family.Length > 0 ? f.Family : "—")],
                [new ChartSeries(_l["Report.Rate"], [.. families.Select(f => f.Rate!.Value)])]) { ValueFormat = CellFormat.Percent, Height = 150 });
        }

        pdf.Table(CallbackReportColumns.KeyProducts(_l), report.KeyProductCoverage)
            .Paragraph(_l["CallbackReport.KeyProductNote"], muted: true);
    }

    private void ComposeTimeliness(PdfReport pdf)
    {
        pdf.Heading(_l["CallbackReport.PhoneTimeliness"])
            .Paragraph(_l["CallbackReport.PhoneTimelinessNote", report.Settings.PhoneCallbackDays], muted: true);
        foreach (var rule in new[] { report.Rules.PhoneFollowUp, report.Rules.VisitFollowUp })
        {
            pdf.Paragraph($"{RuleFigures.Name(rule, _l)} · {KpiText.Rate(rule.Rate)} · {_l["Kpi.MetOfEligible", rule.Met, rule.Eligible]} · {_l["Kpi.Pending", rule.Pending]}")
                .CappedTable(RuleFigures.VerdictColumns(_l), RuleFigures.MissedAndPending(rule));
        }
    }

    private void ComposeActionList(PdfReport pdf) => pdf
        .Heading(_l["CallbackReport.ActionList"])
        .CappedTable(CallbackReportColumns.ActionList(_l), report.ActionList)
        .Paragraph(_l["CallbackReport.ActionListNote", CallbackReportQuery.UnsatisfiedAtMost], muted: true)
        .Heading(_l["CallbackReport.OpenTitle", report.Open.Count])
        .CappedTable(CallbackReportColumns.Open(_l), report.Open)
        .Paragraph(_l["CallbackReport.OpenNote", report.AsOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], muted: true)
        .Compose(ComposeFollowUps);

    /// <summary>The follow-up items about callbacks not verified at the as-of, whatever month they were opened in.</summary>
    private void ComposeFollowUps(PdfReport pdf)
    {
        pdf.Heading(_l["FollowUps.CarriedTitle", report.FollowUps.Count, report.FollowUps.Count(r => r.Overdue)]);
        if (report.FollowUps.Count == 0)
        {
            pdf.Paragraph(_l["FollowUps.NoneCarried"]);
            return;
        }

        pdf.CappedTable(FollowUpColumns.Carried(_l), report.FollowUps)
            .Paragraph(_l["FollowUps.CarriedNote"], muted: true);
    }

    private void ComposeDetail(PdfReport pdf) => pdf
        .Heading(_l["CallbackReport.Detail"])
        .CappedTable(CallbackReportColumns.Detail(_l), report.Detail)
        .Paragraph(_l["Report.RecordCount", report.Detail.Count], muted: true);

    private void ComposeSettings(PdfReport pdf) => pdf
        .Heading(_l["Report.Pdf.Settings"])
        .KeyValues(null, CallbackReportColumns.Settings(report, _l));
}
