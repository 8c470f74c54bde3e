using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Reports.Callbacks;

/// <summary>
/// The callback report's tables, declared once: each list drives the PDF table (<see cref="CallbackReportPdf"/>) and the
/// Excel sheet or summary table (<see cref="CallbackReportSheet"/>). Headers are the page's, in the current UI culture.
/// </summary>
public static class CallbackReportColumns
{
    public static string Method(CallbackMethod? method, IStringLocalizer l) => l[ReportPageText.MethodKey(method)];

    /// <summary>Every callback of the month (the page's detail table, plus the notes). Yes / no as the page's words, so the
    /// sheet reads and filters in the report's language.</summary>
    public static IReadOnlyList<ReportColumn<CallbackRow>> Detail(IStringLocalizer l) =>
    [
        new(Label(nameof(Callback.CallbackNo)), r => r.CallbackNo, Width: 1.1),
        new(Label(nameof(Callback.At)), r => r.At, CellFormat.DateTime, 1.2),
        new(Label(nameof(Callback.Method)), r => Method(r.Method, l), Width: 0.9),
        new(Label(nameof(Callback.TicketNo)), r => r.TicketNo, Width: 1.1),
        new(Label(nameof(Callback.Customer)), r => r.Customer, Width: 1.7),
        new(l["Report.Product"], r => r.Product, Width: 1.3),
        new(Label(nameof(Callback.Reached)), r => RecordText.YesNo(r.Reached, l), Width: 0.55),
        new(Label(nameof(Callback.Solved)), r => RecordText.YesNo(r.Solved, l), Width: 0.55),
        new(Label(nameof(Callback.RunningNormally)), r => RecordText.YesNo(r.RunningNormally, l), Width: 0.6),
        new(Label(nameof(Callback.Satisfaction)), r => r.Satisfaction, CellFormat.Integer, 0.45),
        new(Label(nameof(Callback.OtherNeeds)), r => r.OtherNeeds, Width: 1.5),
        new(Label(nameof(Callback.Notes)), r => r.Notes, Width: 1.2),
        new(Label(nameof(Callback.Staff)), r => r.Staff, Width: 0.55),
    ];

    /// <summary>Unsatisfied or unsolved customers, with why they are on the list.</summary>
    public static IReadOnlyList<ReportColumn<CallbackActionRow>> ActionList(IStringLocalizer l) =>
    [
        new(l["Report.At"], r => r.At, CellFormat.DateTime, 1.15),
        new(l["Report.Customer"], r => r.Customer, Width: 1.5),
        new(l["Report.Product"], r => r.Product, Width: 1.3),
        new(l["CallbackReport.Why"], r => Why(r, l), Width: 1.2),
        new(l["CallbackReport.Needs"], r => r.OtherNeeds, Width: 1.6),
        new(l["Report.Staff"], r => r.Staff, Width: 0.65),
        new(l["Report.TicketNo"], r => r.TicketNo, Width: 1.1),
    ];

    /// <summary>Customers still to be reached or satisfied, whatever month it started in: the attempts so far and the last outcome.</summary>
    public static IReadOnlyList<ReportColumn<CallbackOpenRow>> Open(IStringLocalizer l) =>
    [
        new(l["Report.TicketNo"], r => r.TicketNo ?? r.LastCallbackNo, Width: 1.1),
        new(l["CallbackReport.StartedMonth"], r => r.StartedMonth.ToString(), Width: 0.7),
        new(l["Report.Customer"], r => r.Customer, Width: 1.4),
        new(l["Report.Product"], r => r.Product, Width: 1.2),
        new(l["CallbackReport.FirstAttempt"], r => r.FirstAt, CellFormat.DateTime, 1.1),
        new(l["CallbackReport.LastAttempt"], r => r.LastAt, CellFormat.DateTime, 1.1),
        new(l["CallbackReport.Attempts"], r => r.Attempts, CellFormat.Integer, 0.6),
        new(l["CallbackReport.LastOutcome"], r => Outcome(r, l), Width: 1.1, Tone: _ => FigureStatus.Bad),
        new(l["Report.Staff"], r => r.Staff, Width: 0.65),
    ];

    /// <summary>What the last attempt came to: 未接通, 不满意（2 分）, 问题未解决.</summary>
    public static string Outcome(CallbackOpenRow row, IStringLocalizer l) => !row.LastReached ? l["CallbackReport.NotReached"]
        : string.Join("；", new[]
            {
                row.LastSatisfaction <= CallbackReportQuery.UnsatisfiedAtMost ? l["CallbackReport.Unsatisfied", row.LastSatisfaction!].Value : null,
                row.LastSolved == false ? l["CallbackReport.Unsolved"].Value : null,
            }.Where(s => s is not null));

    /// <summary>其他需求, verbatim.</summary>
    public static IReadOnlyList<ReportColumn<CallbackNeedRow>> OtherNeeds(IStringLocalizer l) =>
    [
        new(l["Report.At"], r => r.At, CellFormat.DateTime, 1.15),
        new(l["Report.Customer"], r => r.Customer, Width: 1.5),
        new(l["Report.Product"], r => r.Product, Width: 1.3),
        new(l["CallbackReport.Needs"], r => r.Needs, Width: 2.8),
        new(l["Report.Staff"], r => r.Staff, Width: 0.65),
    ];

    public static IReadOnlyList<ReportColumn<CallbackMethodCount>> ByMethod(IStringLocalizer l) =>
    [
        new(l["Report.Method"], r => Method(r.Method, l), Width: 1.6),
        new(l["CallbackReport.Count"], r => r.Total, CellFormat.Integer),
        new(l["CallbackReport.Reached"], r => r.Reached, CellFormat.Integer),
        new(l["CallbackReport.ReachRate"], r => r.Total == 0 ? null : (double)r.Reached / r.Total, CellFormat.Percent),
    ];

    public static IReadOnlyList<ReportColumn<CallbackWeekCount>> ByWeek(IStringLocalizer l) =>
    [
        new(l["Report.Week"], r => WeekLabel(r, l), Width: 1.6),
        new(Method(CallbackMethod.SmsWeekly, l), r => r.SmsWeekly, CellFormat.Integer),
        new(Method(CallbackMethod.SmsMonthly, l), r => r.SmsMonthly, CellFormat.Integer),
        new(Method(CallbackMethod.Phone, l), r => r.Phone, CellFormat.Integer),
        new(Method(null, l), r => r.Unstated, CellFormat.Integer),
        new(l["Pdf.Total"], r => r.Total, CellFormat.Integer),
    ];

    /// <summary>The two yes/no questions (CS-7c) over the reached callbacks.</summary>
    public static IReadOnlyList<ReportColumn<(string Question, YesNoCount Count)>> Answers(IStringLocalizer l) =>
    [
        new(l["Report.Question"], r => r.Question, Width: 1.8),
        new(l["Records.Yes"], r => r.Count.Yes, CellFormat.Integer),
        new(l["Records.No"], r => r.Count.No, CellFormat.Integer),
        new(l["Report.Unanswered"], r => r.Count.Unanswered, CellFormat.Integer),
        new(l["CallbackReport.YesShare"], r => r.Count.YesRate, CellFormat.Percent),
    ];

    /// <summary>Satisfaction 1–5 and not answered, one row per score.</summary>
    public static IReadOnlyList<ReportColumn<(string Score, int Count)>> Satisfaction(IStringLocalizer l) =>
    [
        new(l["CallbackReport.Score"], r => r.Score, Width: 1.6),
        new(l["CallbackReport.Count"], r => r.Count, CellFormat.Integer),
    ];

    public static IReadOnlyList<ReportColumn<KeyProductCoverageRow>> KeyProducts(IStringLocalizer l) =>
    [
        new(l["CallbackReport.Family"], r => r.Family.Length > 0 ? r.Family : "—", Width: 1.8),
        new(l["Report.Eligible"], r => r.Eligible, CellFormat.Integer),
        new(l["Report.Met"], r => r.Met, CellFormat.Integer),
        new(l["Report.PendingCount"], r => r.Pending, CellFormat.Integer),
        new(l["Report.Rate"], r => r.Rate, CellFormat.Percent),
    ];

    public static IReadOnlyList<(string Question, YesNoCount Count)> AnswerRows(CallbackReport report, IStringLocalizer l) =>
        [(l["CallbackReport.Solved"], report.Answers.Solved), (l["CallbackReport.Running"], report.Answers.RunningNormally)];

    public static IReadOnlyList<(string Score, int Count)> SatisfactionRows(CallbackReport report, IStringLocalizer l) =>
    [
        .. report.Answers.Satisfaction.Select((count, i) => (RecordText.Satisfaction(i + 1, l), count)),
        (l["Report.Unanswered"].Value, report.Answers.SatisfactionUnanswered),
    ];

    public static string WeekLabel(CallbackWeekCount week, IStringLocalizer l) =>
        l["CallbackReport.WeekLabel", week.Week, ReportPageText.Day(week.From), ReportPageText.Day(week.To)];

    /// <summary>The settings in force, as the page's heading lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(CallbackReport report, IStringLocalizer l) =>
    [
        new(l["Report.Setting.PhoneCallbackDays"], l["Report.Days", report.Settings.PhoneCallbackDays]),
        new(l["Report.Setting.CallbackWindowDays"], l["Report.Days", report.Settings.CallbackWindowDays]),
        new(l["Report.Setting.KeyProducts"], string.Join("、", report.Settings.KeyProductKeywords)),
        new(l["Report.Setting.Unsatisfied"], $"≤ {CallbackReportQuery.UnsatisfiedAtMost}"),
    ];

    private static string Why(CallbackActionRow row, IStringLocalizer l) => string.Join("；",
        new[] { row.Unsatisfied ? l["CallbackReport.Unsatisfied", row.Satisfaction!].Value : null, row.Unsolved ? l["CallbackReport.Unsolved"].Value : null }
            .Where(s => s is not null));

    private static string Label(string property) => RecordText.Label(RecordSchemas.Callbacks, property);
}
