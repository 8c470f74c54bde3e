using System.Security.Claims;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Web.Components.Pages.Worklist;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.Exports.Worklist;
using ServiceInsights.Web.Imports;

namespace ServiceInsights.Web.Hosting;

/// <summary>The services and endpoints of acting on the month: the callback worklist and its downloads.</summary>
public static class WorklistHosting
{
    /// <summary><c>GET /callbacks/worklist.xlsx?staff=…&amp;rule=…&amp;due=…&amp;asOf=…</c>: the list in the 回访记录 import format.</summary>
    public const string WorkbookPath = WorklistLinks.PagePath + ".xlsx";

    public static IServiceCollection AddWorklist(this IServiceCollection services)
    {
        services.AddSingleton<CallbackWorklistQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorklistEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WorkbookPath, async (string? staff, string? rule, string? due, string? asOf, ClaimsPrincipal user, CallbackWorklistQuery query,
            CancellationToken cancellationToken) =>
        {
            if (!string.IsNullOrWhiteSpace(asOf) && !KpiService.TryParseAsOf(asOf, out _))
            {
                return Results.BadRequest($"asOf '{asOf}' is not a local time such as 2026-11-05T09:00");
            }

            var worklist = await query.RunAsync(Filter(user, staff, rule, due), KpiService.TryParseAsOf(asOf, out var local) ? local : null, cancellationToken);
            return Results.File(WorklistWorkbook.Write(worklist), ImportEndpoints.XlsxContentType, WorklistWorkbook.FileName(worklist));
        }).RequireAuthorization(Policies.Worklist);
        return app;
    }

    /// <summary>The page's filter for this user: Staff get their own list whatever the query string says.</summary>
    public static WorklistFilter Filter(ClaimsPrincipal user, string? staff, string? rule, string? due) =>
        WorklistLinks.Filter(OwnOnly(user) ? UserIdentity.DisplayName(user) : staff, rule, due);

    public static bool OwnOnly(ClaimsPrincipal user) => !user.IsInRole(AppRoles.Manager) && !user.IsInRole(AppRoles.Admin);
}
