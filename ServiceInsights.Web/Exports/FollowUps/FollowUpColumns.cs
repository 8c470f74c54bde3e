using Microsoft.Extensions.Localization;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Web.Components.Pages.FollowUps;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Exports.FollowUps;

/// <summary>
/// The follow-up items (整改项) a report carries over, declared once for the page-less outputs: the complaint summary's and
/// the callback report's PDF table and workbook sheet.
/// </summary>
public static class FollowUpColumns
{
    public static IReadOnlyList<ReportColumn<FollowUpRow>> Carried(IStringLocalizer l) =>
    [
        new(l["FollowUps.Record"], r => r.RecordKey, Width: 1.2),
        new(l["FollowUps.Source"], r => FollowUpText.Source(r.Source, l), Width: 1.0),
        new(l["Report.Customer"], r => r.Customer, Width: 1.1),
        new(l["FollowUps.Action"], r => r.Action ?? l["FollowUps.NoAction"].Value, Width: 2.0),
        new(l["FollowUps.Owner"], r => r.OwnerName ?? l["FollowUps.Unassigned"].Value, Width: 0.8),
        new(l["FollowUps.Due"], r => r.Due ?? (object)l["FollowUps.NoDue"].Value, CellFormat.Date, 0.8),
        new(l["FollowUps.Status"], r => FollowUpText.Status(r.Status, l), Width: 0.6),
        new(l["FollowUps.Opened"], r => r.CreatedAt, CellFormat.Date, 0.8),
        new(l["FollowUps.Age"], r => r.AgeDays, CellFormat.Integer, 0.5),
        new(l["FollowUps.DaysOverdue"], r => r.DaysOverdue, CellFormat.Integer, 0.6, r => r.Overdue ? FigureStatus.Bad : FigureStatus.Neutral),
    ];
}
