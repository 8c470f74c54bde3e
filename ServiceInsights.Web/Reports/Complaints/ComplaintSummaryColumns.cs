using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Reports.Complaints;

/// <summary>
/// The complaint summary's tables, declared once: each list drives the PDF table (<see cref="ComplaintSummaryPdf"/>) and
/// the Excel sheet or summary table (<see cref="ComplaintSummarySheet"/>). Headers are the page's, in the current UI culture.
/// </summary>
public static class ComplaintSummaryColumns
{
    public static string ClassName(int level, IStringLocalizer l) => l[$"ComplaintSummary.Class{level}"];

    public static string ClassReason(ComplaintRow row) => row.Class.Reason.In(Localization.IsChinese());

    public static string Source(ComplaintSource? source, IStringLocalizer l) => l[ReportPageText.SourceKey(source)];

    /// <summary>
    /// The CAPA in words: 已验证 when its follow-up item is verified; otherwise CP-2d's verdict — recorded in full (awaiting
    /// verification) or incomplete — or open (CP-2d judges closed complaints only).
    /// </summary>
    public static string CapaStatus(ComplaintRow row, IStringLocalizer l) => l[CapaStatusKey(row)];

    public static string CapaStatusKey(ComplaintRow row) => row.Capa is { } capa
        ? row.CapaVerified ? "ComplaintSummary.CapaVerified"
        : capa.Verdict == Verdict.Met ? "ComplaintSummary.CapaDone" : "ComplaintSummary.CapaMissing"
        : "ComplaintSummary.NotClosed";

    /// <summary>Every complaint of the month (the page's detail table, with the class reason and age).</summary>
    public static IReadOnlyList<ReportColumn<ComplaintRow>> Detail(IStringLocalizer l) =>
    [
        new(Label(nameof(Complaint.ComplaintNo)), r => r.ComplaintNo, Width: 1.35),
        new(Label(nameof(Complaint.ReceivedAt)), r => r.ReceivedAt, CellFormat.DateTime, 1.1),
        new(l["ComplaintSummary.Class"], r => ClassName(r.Class.Level, l), Width: 0.85),
        new(l["ComplaintSummary.ClassReason"], ClassReason, Width: 1.4),
        new(Label(nameof(Complaint.Customer)), r => r.Customer, Width: 1.2),
        new(l["Report.Product"], r => r.Product, Width: 1.1),
        new(Label(nameof(Complaint.Source)), r => Source(r.Source, l), Width: 0.8),
        new(Label(nameof(Complaint.Description)), r => r.Description, Width: 1.7),
        new(Label(nameof(Complaint.Measures)), r => r.Measures, Width: 1.4),
        new(Label(nameof(Complaint.RootCause)), r => r.RootCause, Width: 1.2),
        new(Label(nameof(Complaint.Responsible)), r => r.Responsible, Width: 0.7),
        new(Label(nameof(Complaint.ClosedAt)), r => r.ClosedAt, CellFormat.DateTime, 1.1),
        new(l["ComplaintSummary.Age"], r => r.AgeDays, CellFormat.Integer, 0.7),
        new(Label(nameof(Complaint.Satisfaction)), r => r.Satisfaction, CellFormat.Integer, 0.7),
        new(Label(nameof(Complaint.Staff)), r => r.Staff, Width: 0.65),
    ];

    /// <summary>Every complaint open at the as-of, whatever its month, oldest first: its month, age, promised-by time and
    /// whether the promise is kept so far.</summary>
    public static IReadOnlyList<ReportColumn<ComplaintRow>> Open(IStringLocalizer l) =>
    [
        new(l["Report.ComplaintNo"], r => r.ComplaintNo, Width: 1.2),
        new(l["ComplaintSummary.ReceivedMonth"], r => r.ReceivedMonth.ToString(), Width: 0.7),
        new(l["ComplaintSummary.Received"], r => r.ReceivedAt, CellFormat.DateTime, 1.15),
        new(l["ComplaintSummary.Age"], r => r.AgeDays, CellFormat.Integer, 0.6),
        new(l["ComplaintSummary.Class"], r => ClassName(r.Class.Level, l), Width: 0.8),
        new(l["Report.Customer"], r => r.Customer, Width: 1.3),
        new(l["Report.Product"], r => r.Product, Width: 1.1),
        new(l["ComplaintSummary.PromisedBy"], r => r.PromisedBy, CellFormat.DateTime, 1.15),
        new(l["ComplaintSummary.Promise"], r => PromiseStatus(r, l), Width: 1.0,
            Tone: r => r.DaysPastPromise > 0 ? FigureStatus.Bad : FigureStatus.Neutral),
        new(l["Report.Staff"], r => r.Staff, Width: 0.7),
    ];

    /// <summary>Whether an open complaint's promise is kept so far: 未到期 (kept so far), 已超 3 天, 无承诺期限.</summary>
    public static string PromiseStatus(ComplaintRow row, IStringLocalizer l) => row.DaysPastPromise switch
    {
        null => l["ComplaintSummary.NoPromise"],
        0 => l["ComplaintSummary.PromiseNotDue"],
        var days => l["ComplaintSummary.PromisePast", days],
    };

    /// <summary>CAPA status of every complaint (CP-2d).</summary>
    public static IReadOnlyList<ReportColumn<ComplaintRow>> Capa(IStringLocalizer l) =>
    [
        new(l["Report.ComplaintNo"], r => r.ComplaintNo, Width: 1.2),
        new(l["ComplaintSummary.Cause"], r => r.RootCause, Width: 1.6),
        new(l["ComplaintSummary.CorrectiveAction"], r => r.CorrectiveAction, Width: 1.7),
        new(l["ComplaintSummary.PreventiveAction"], r => r.PreventiveAction, Width: 1.7),
        new(l["ComplaintSummary.Responsible"], r => r.Responsible, Width: 0.75),
        new(l["ComplaintSummary.Done"], r => CapaStatus(r, l), Width: 0.7),
    ];

    /// <summary>Class-3 case studies (CP-2e): what happened and what was done.</summary>
    public static IReadOnlyList<ReportColumn<ComplaintRow>> CaseStudy(IStringLocalizer l) =>
    [
        new(l["Report.ComplaintNo"], r => r.ComplaintNo),
        new(l["ComplaintSummary.Received"], r => r.ReceivedAt, CellFormat.DateTime),
        new(l["Report.Customer"], r => r.Customer),
        new(l["Report.Product"], r => r.Product),
        new(l["ComplaintSummary.Description"], r => r.Description, Width: 2),
        new(l["ComplaintSummary.Measures"], r => r.Measures, Width: 2),
        new(l["ComplaintSummary.Cause"], r => r.RootCause, Width: 2),
        new(l["ComplaintSummary.CorrectiveAction"], r => r.CorrectiveAction, Width: 2),
        new(l["ComplaintSummary.LeaderInformed"], r => r.LeaderInformedAt, CellFormat.DateTime),
        new(Label(nameof(Complaint.CaseStudyWritten)), r => l[r.CaseStudyWritten == true ? "ComplaintSummary.CaseWritten" : "ComplaintSummary.CaseNotWritten"].Value),
    ];

    /// <summary>Class 2 and 3 complaints with the reason for their class (CP-1).</summary>
    public static IReadOnlyList<ReportColumn<ComplaintRow>> ClassReasons(IStringLocalizer l) =>
    [
        new(l["ComplaintSummary.Class"], r => ClassName(r.Class.Level, l), Width: 0.8),
        new(l["Report.ComplaintNo"], r => r.ComplaintNo, Width: 1.2),
        new(l["Report.Customer"], r => r.Customer, Width: 1.6),
        new(l["ComplaintSummary.ClassReason"], ClassReason, Width: 2.4),
    ];

    public static IReadOnlyList<ReportColumn<ComplaintClassCount>> ByClass(IStringLocalizer l, int total) =>
    [
        new(l["ComplaintSummary.Class"], r => ClassName(r.Level, l), Width: 1.6),
        new(l["CallbackReport.Count"], r => r.Count, CellFormat.Integer),
        new(l["ComplaintSummary.Share"], r => Share(r.Count, total), CellFormat.Percent),
    ];

    public static IReadOnlyList<ReportColumn<ComplaintSourceCount>> BySource(IStringLocalizer l, int total) =>
    [
        new(l["ComplaintSummary.Source"], r => Source(r.Source, l), Width: 1.6),
        new(l["CallbackReport.Count"], r => r.Count, CellFormat.Integer),
        new(l["ComplaintSummary.Share"], r => Share(r.Count, total), CellFormat.Percent),
    ];

    /// <summary>Counts by product or by cause; <paramref name="blank"/> names the group of complaints without one.</summary>
    public static IReadOnlyList<ReportColumn<ComplaintGroupCount>> ByGroup(string header, string blank, IStringLocalizer l, int total) =>
    [
        new(header, r => r.Group.Length > 0 ? r.Group : blank, Width: 2.4),
        new(l["CallbackReport.Count"], r => r.Count, CellFormat.Integer),
        new(l["ComplaintSummary.Share"], r => Share(r.Count, total), CellFormat.Percent),
    ];

    /// <summary>Class 2 and 3, highest class first, then by time received (the page's order).</summary>
    public static IReadOnlyList<ComplaintRow> Escalated(ComplaintSummary summary) =>
        [.. summary.Detail.Where(r => r.Class.Level > 1).OrderByDescending(r => r.Class.Level).ThenBy(r => r.ReceivedAt)];

    /// <summary>The settings in force, as the page's heading lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(ComplaintSummary summary, IStringLocalizer l) =>
    [
        new(l["Report.Setting.RepeatComplaintDays"], l["Report.Days", summary.Settings.RepeatComplaintDays]),
        new(l["Report.Setting.SalesFeedbackMinutes"], l["Report.Minutes", summary.Settings.SalesFeedbackMinutes]),
        new(l["Report.Setting.Age"], l["ComplaintSummary.AgeUnit"]),
    ];

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static string Label(string property) => RecordText.Label(RecordSchemas.Complaints, property);
}
