using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Reports.Repairs;

/// <summary>
/// The repair turnaround report's tables, declared once: the PDF's tables and the workbook's sheets are both made from
/// these columns, with the page's headers (<see cref="RecordText"/> field names, <c>RepairReport.*</c> keys).
/// </summary>
public static class RepairTurnaroundColumns
{
    private static readonly RecordSchema Repairs = RecordSchemas.For(RecordKind.Repairs);
    private static readonly RecordSchema Tickets = RecordSchemas.For(RecordKind.Tickets);

    /// <summary>The settings CS-4 is computed with.</summary>
    public static readonly IReadOnlyList<string> SettingProperties = [nameof(SlaSettings.RepairDaysSelfMade), nameof(SlaSettings.RepairDaysPurchased)];

    public static string OriginName(Origin? origin, IStringLocalizer l) => origin is { } o ? RecordText.Word(o, l) : l["RepairReport.OriginUnknown"];

    public static string TargetOf(RepairOriginRow row, IStringLocalizer l) =>
        row.TargetDays is { } days ? l["RepairReport.TargetDays", days] : row.Origin is null ? l["RepairReport.NotCounted"] : l["RepairReport.TargetAgreed"];

    public static string? VerdictName(Verdict? verdict, IStringLocalizer l) => verdict is { } v ? l[$"Kpi.Verdict.{v}"].Value : null;

    public static string ModelName(string? model) => string.IsNullOrEmpty(model) ? "—" : model;

    public static IReadOnlyList<ReportColumn<RepairOriginRow>> ByOrigin(IStringLocalizer l) =>
    [
        new(l["RepairReport.Origin"], r => OriginName(r.Origin, l), Width: 1.1),
        new(l["RepairReport.TargetColumn"], r => TargetOf(r, l), Width: 1.3),
        new(l["RepairReport.Repairs"], r => r.Repairs, CellFormat.Integer, 0.8),
        new(l["Kpi.Breakdown.Rate"], r => r.Rate, CellFormat.Percent, 0.8),
        new(l["Workbook.Met"], r => r.Met, CellFormat.Integer, 0.7),
        new(l["Workbook.Eligible"], r => r.Eligible, CellFormat.Integer, 0.7),
        new(l["Workbook.Pending"], r => r.Pending, CellFormat.Integer, 0.7),
        new(l["RepairReport.Median"], r => r.MedianDays, CellFormat.Number, 0.8),
    ];

    public static IReadOnlyList<ReportColumn<RepairModelRow>> ByModel(IStringLocalizer l) =>
    [
        new(RecordText.Label(Tickets, "Model"), r => ModelName(r.Model), Width: 1.6),
        new(l["RepairReport.Repairs"], r => r.Repairs, CellFormat.Integer, 0.8),
        new(l["Kpi.Breakdown.Rate"], r => r.Rate, CellFormat.Percent, 0.8),
        new(l["Workbook.Met"], r => r.Met, CellFormat.Integer, 0.7),
        new(l["Workbook.Eligible"], r => r.Eligible, CellFormat.Integer, 0.7),
        new(l["Workbook.Pending"], r => r.Pending, CellFormat.Integer, 0.7),
        new(l["RepairReport.Median"], r => r.MedianDays, CellFormat.Number, 0.8),
    ];

    public static IReadOnlyList<ReportColumn<RepairDaysBucket>> Histogram(IStringLocalizer l) =>
    [
        new(l["RepairReport.WorkingDays"], b => BucketLabel(b), Width: 1.2),
        new(l["RepairReport.Repairs"], b => b.Count, CellFormat.Integer, 0.8),
    ];

    public static string BucketLabel(RepairDaysBucket bucket) => bucket.To switch
    {
        null => $"≥ {bucket.From}",
        { } to when to == bucket.From => bucket.From.ToString(CultureInfo.CurrentCulture),
        { } to => $"{bucket.From}–{to}",
    };

    /// <summary>The rows of the "process" table: CS-4a's two steps and the rules CS-4a and CS-4c themselves.</summary>
    public sealed record ProcessRow(string Name, int Eligible, int Met, int? Pending, double? Rate);

    public static IReadOnlyList<ProcessRow> ProcessRows(RepairTurnaroundReport report, IStringLocalizer l) =>
    [
        new(RuleFigures.Name(report.SameDay, l), report.SameDay.Eligible, report.SameDay.Met, report.SameDay.Pending, report.SameDay.Rate),
        new(l["RepairReport.SameDayOrder"], report.SameDaySteps.OrderEligible, report.SameDaySteps.OrderMet, null, report.SameDaySteps.OrderRate),
        new(l["RepairReport.SameDayHandOver"], report.SameDaySteps.HandOverEligible, report.SameDaySteps.HandOverMet, null, report.SameDaySteps.HandOverRate),
        new(RuleFigures.Name(report.DailyStatus, l), report.DailyStatus.Eligible, report.DailyStatus.Met, report.DailyStatus.Pending, report.DailyStatus.Rate),
    ];

    public static IReadOnlyList<ReportColumn<ProcessRow>> Process(IStringLocalizer l) =>
    [
        new(l["Report.Rule"], r => r.Name, Width: 2.4),
        new(l["Kpi.Breakdown.Rate"], r => r.Rate, CellFormat.Percent, 0.8),
        new(l["Workbook.Met"], r => r.Met, CellFormat.Integer, 0.7),
        new(l["Workbook.Eligible"], r => r.Eligible, CellFormat.Integer, 0.7),
        new(l["Workbook.Pending"], r => r.Pending, CellFormat.Integer, 0.7),
    ];

    public static IReadOnlyList<ReportColumn<FaultCauseRow>> FaultCauses(IStringLocalizer l, int total) =>
    [
        new(l["RepairReport.FaultCause"], r => string.IsNullOrEmpty(r.Cause) ? "—" : r.Cause, Width: 3),
        new(l["RepairReport.Repairs"], r => r.Repairs, CellFormat.Integer, 0.8),
        new(l["RepairReport.Share"], r => total == 0 ? null : (double)r.Repairs / total, CellFormat.Percent, 0.8),
    ];

    /// <summary>Every repair open at the as-of, whatever its month: overdue ones first, with the working days over target.</summary>
    public static IReadOnlyList<ReportColumn<RepairOpenRow>> Open(IStringLocalizer l) =>
    [
        new(RecordText.Label(Repairs, "RepairNo"), r => r.RepairNo, Width: 1.1),
        new(l["RepairReport.ReceivedMonth"], r => r.ReceivedMonth.ToString(), Width: 0.7),
        new(RecordText.Label(Tickets, "Customer"), r => r.Customer, Width: 1.5),
        new(RecordText.Label(Tickets, "Model"), r => r.Model, Width: 0.9),
        new(l["Report.Staff"], r => r.Staff, Width: 0.7),
        new(l["RepairReport.Origin"], r => OriginName(r.Origin, l), Width: 0.7),
        new(RecordText.Label(Repairs, "ReceivedAt"), r => r.ReceivedAt, CellFormat.DateTime, 1.1),
        new(RecordText.Label(Repairs, "AgreedDueDate"), r => r.AgreedDueDate, CellFormat.Date, 0.9),
        new(l["RepairReport.DaysOpen"], r => r.WorkingDaysOpen, CellFormat.Integer, 0.7),
        new(l["RepairReport.DaysOver"], r => r.DaysOver, CellFormat.Integer, 0.7, r => r.Overdue ? FigureStatus.Bad : FigureStatus.Neutral),
        new(l["Report.Reason"], r => r.Reason.In(Hosting.Localization.IsChinese()), Width: 2.0),
    ];

    public static IReadOnlyList<ReportColumn<RepairStatusGapRow>> StatusGaps(IStringLocalizer l) =>
    [
        new(RecordText.Label(Repairs, "RepairNo"), r => r.RepairNo, Width: 1.1),
        new(RecordText.Label(Tickets, "Model"), r => r.Model, Width: 0.9),
        new(l["Report.Staff"], r => r.Staff, Width: 0.7),
        new(l["RepairReport.State"], r => r.Open ? l["RepairReport.StateOpen"].Value : l["RepairReport.StateRepaired"].Value, Width: 0.6),
        new(l["RepairReport.DaysConfirmedColumn"], r => $"{r.Confirmed} / {r.Days}", Width: 0.8),
        new(l["RepairReport.MissedDays"], r => string.Join(", ", r.MissedDays.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture))), Width: 3),
    ];

    /// <summary>Every repair of the month. Working days run to the repair, or to the as-of date while it is open.</summary>
    public static IReadOnlyList<ReportColumn<RepairTurnaroundRow>> Detail(IStringLocalizer l) =>
    [
        new(RecordText.Label(Repairs, "RepairNo"), r => r.RepairNo, Width: 1.15),
        new(RecordText.Label(Repairs, "TicketNo"), r => r.TicketNo, Width: 1.15),
        new(RecordText.Label(Tickets, "Customer"), r => r.Customer, Width: 1.4),
        new(RecordText.Label(Tickets, "Model"), r => r.Model, Width: 0.85),
        new(l["RepairReport.Origin"], r => r.Origin is { } o ? RecordText.Word(o, l) : null, Width: 0.6),
        new(l["Report.Staff"], r => r.Staff, Width: 0.6),
        new(RecordText.Label(Repairs, "ReceivedAt"), r => r.ReceivedAt, CellFormat.DateTime, 1.2),
        new(RecordText.Label(Repairs, "RepairedAt"), r => r.RepairedAt, CellFormat.DateTime, 1.2),
        new(RecordText.Label(Repairs, "AgreedDueDate"), r => r.AgreedDueDate, CellFormat.Date, 0.85),
        new(l["RepairReport.WorkingDays"], r => r.WorkingDays, CellFormat.Integer, 0.55),
        new("CS-4a", r => VerdictName(r.SameDay, l), Width: 0.55),
        new("CS-4b", r => VerdictName(r.Turnaround, l), Width: 0.55),
        new(l["RepairReport.DaysConfirmedColumn"], r => r.StatusDays == 0 ? null : $"{r.StatusDaysConfirmed} / {r.StatusDays}", Width: 0.7),
        new(RecordText.Label(Repairs, "FaultCause"), r => r.FaultCause, Width: 1.3),
    ];

    /// <summary>What the workbook's detail sheet has beyond <see cref="Detail"/>: the remaining times, VIP and the CS-4b reason.</summary>
    public static IReadOnlyList<ReportColumn<RepairTurnaroundRow>> DetailSheet(IStringLocalizer l) =>
    [
        .. Detail(l),
        new(RecordText.Label(Repairs, "OrderedAt"), r => r.OrderedAt, CellFormat.DateTime),
        new(RecordText.Label(Repairs, "HandedOverAt"), r => r.HandedOverAt, CellFormat.DateTime),
        new(RecordText.Label(Repairs, "ShippedAt"), r => r.ShippedAt, CellFormat.DateTime),
        new(RecordText.Label(Tickets, "ProductName"), r => r.ProductName),
        new("VIP", r => r.Vip),
        new(l["Report.Reason"] + " (CS-4b)", r => r.TurnaroundReason?.In(Hosting.Localization.IsChinese())),
    ];
}
