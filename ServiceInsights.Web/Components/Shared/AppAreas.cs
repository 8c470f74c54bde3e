using MudBlazor;
using ServiceInsights.Data.Import;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.Reports.Callbacks;
using ServiceInsights.Web.Reports.Complaints;
using ServiceInsights.Web.Reports.Kpi;
using ServiceInsights.Web.Reports.Repairs;

namespace ServiceInsights.Web.Components.Shared;

/// <summary>An area of the app: where it lives, what it is called, who may open it.</summary>
/// <param name="Exact">Highlighted in the drawer only on its own path, not on the paths under it (/kpi, not /kpi/staff).</param>
public sealed record AppArea(string Href, string TitleKey, string DescriptionKey, string Icon, string Policy, bool Exact = false)
{
    /// <summary>A report's area: its route, heading and policy as its definition declares them.</summary>
    public static AppArea Of(ReportNames report, string icon) =>
        new(report.Route.TrimStart('/'), report.PageTitleKey, report.PageTitleKey + ".Description", icon, report.Policy);
}

/// <summary>
/// The areas that exist, in drawer order. The drawer and the home page list only those the user's role may open;
/// each page carries the same policy in its <c>[Authorize]</c> attribute.
/// </summary>
public static class AppAreas
{
    public static IReadOnlyList<AppArea> All { get; } =
    [
        new("tickets", "Area.Tickets", "Area.Tickets.Description", RecordText.Icon(RecordKind.Tickets), Policies.Records),
        new("repairs", "Area.Repairs", "Area.Repairs.Description", RecordText.Icon(RecordKind.Repairs), Policies.Records),
        new("site-visits", "Area.SiteVisits", "Area.SiteVisits.Description", RecordText.Icon(RecordKind.SiteVisits), Policies.Records),
        new("callbacks", "Area.Callbacks", "Area.Callbacks.Description", RecordText.Icon(RecordKind.Callbacks), Policies.Records, Exact: true),
        new("callbacks/worklist", "Area.Worklist", "Area.Worklist.Description", Icons.Material.Filled.Checklist, Policies.Worklist),
        new("complaints", "Area.Complaints", "Area.Complaints.Description", RecordText.Icon(RecordKind.Complaints), Policies.Records),
        new("follow-ups", "Area.FollowUps", "Area.FollowUps.Description", Icons.Material.Filled.TaskAlt, Policies.FollowUps),
        new("kpi", "Area.Kpi", "Area.Kpi.Description", Icons.Material.Filled.Insights, Policies.Analytics, Exact: true),
        new("kpi/staff", "Area.Scorecards", "Area.Scorecards.Description", Icons.Material.Filled.Leaderboard, Policies.Scorecards),
        // A report has its own icon, not its records' one: the drawer would otherwise show two 回访 phones, two 投诉 signs, two spanners.
        AppArea.Of(CallbackReportDefinition.Declared, Icons.Material.Filled.RecordVoiceOver),
        AppArea.Of(ComplaintSummaryDefinition.Declared, Icons.Material.Filled.FactCheck),
        AppArea.Of(RepairTurnaroundDefinition.Declared, Icons.Material.Filled.Timer),
        AppArea.Of(MonthlyKpiReportDefinition.Declared, Icons.Material.Filled.Assessment),
        new("eightd", "Area.EightD", "Area.EightD.Description", Icons.Material.Filled.Assignment, Policies.EightD),
        new("import", "Area.Import", "Area.Import.Description", Icons.Material.Filled.UploadFile, Policies.Import),
        new("admin/settings", "Area.Settings", "Area.Settings.Description", Icons.Material.Filled.Tune, Policies.Admin),
        new("admin/users", "Area.Users", "Area.Users.Description", Icons.Material.Filled.ManageAccounts, Policies.Admin),
        new("admin/delivery", "Area.Delivery", "Area.Delivery.Description", Icons.Material.Filled.ForwardToInbox, Policies.Admin),
    ];
}
