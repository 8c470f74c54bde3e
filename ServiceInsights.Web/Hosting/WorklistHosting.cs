using System.Security.Claims;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Sms;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Web.Components.Pages.Worklist;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.Exports.Worklist;
using ServiceInsights.Web.Import;

namespace ServiceInsights.Web.Hosting;

/// <summary>The services and endpoints of acting on the month: the callback worklist and its downloads.</summary>
public static class WorklistHosting
{
    /// <summary><c>GET /callbacks/worklist.xlsx?staff=…&amp;rule=…&amp;due=…&amp;asOf=…</c>: the list in the 回访记录 import format.</summary>
    public const string WorkbookPath = WorklistLinks.PagePath + ".xlsx";

    /// <summary><c>GET /callbacks/worklist-sms.csv|.xlsx?…</c>: the SMS items' phone and rendered text for the SMS gateway.</summary>
    public const string SmsPath = WorklistLinks.PagePath + "-sms";

    public static IServiceCollection AddWorklist(this IServiceCollection services)
    {
        services.AddSingleton<CallbackWorklistQuery>();
        services.AddSingleton<SmsTemplateStore>();
        services.AddSingleton<WorklistSmsQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorklistEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WorkbookPath, async (string? staff, string? rule, string? due, string? asOf, ClaimsPrincipal user, CallbackWorklistQuery query,
            CancellationToken cancellationToken) =>
        {
            if (!string.IsNullOrWhiteSpace(asOf) && !ReportPeriod.TryReadAsOf(asOf, out _))
            {
                return Results.BadRequest($"asOf '{asOf}' is not a local time such as 2026-11-05T09:00");
            }

            var worklist = await query.RunAsync(Filter(user, staff, rule, due), ReportPeriod.TryReadAsOf(asOf, out var local) ? local : null, cancellationToken);
            return Results.File(WorklistWorkbook.Write(worklist), ImportEndpoints.XlsxContentType, WorklistWorkbook.FileName(worklist));
        }).RequireAuthorization(Policies.Worklist);
        app.MapGet(SmsPath + ".{format}", async (string format, string? staff, string? rule, string? due, string? asOf, ClaimsPrincipal user,
            CallbackWorklistQuery query, WorklistSmsQuery sms, CancellationToken cancellationToken) =>
        {
            if ((!string.IsNullOrWhiteSpace(asOf) && !ReportPeriod.TryReadAsOf(asOf, out _)) || format is not ("csv" or "xlsx"))
            {
                return Results.BadRequest("asOf must be a local time such as 2026-11-05T09:00; the format csv or xlsx");
            }

            var worklist = await query.RunAsync(Filter(user, staff, rule, due), ReportPeriod.TryReadAsOf(asOf, out var local) ? local : null, cancellationToken);
            var messages = await sms.RenderAsync(worklist, cancellationToken);
            return format == "csv"
                ? Results.File(SmsBatch.Csv(messages), "text/csv; charset=utf-8", SmsBatch.FileName(worklist.AsOf, "csv"))
                : Results.File(SmsBatch.Xlsx(messages), ImportEndpoints.XlsxContentType, SmsBatch.FileName(worklist.AsOf, "xlsx"));
        }).RequireAuthorization(Policies.Worklist);
        return app;
    }

    /// <summary>The page's filter for this user: Staff get their own list whatever the query string says.</summary>
    public static WorklistFilter Filter(ClaimsPrincipal user, string? staff, string? rule, string? due) =>
        WorklistLinks.Filter(OwnOnly(user) ? UserIdentity.DisplayName(user) : staff, rule, due);

    public static bool OwnOnly(ClaimsPrincipal user) => !user.IsInRole(AppRoles.Manager) && !user.IsInRole(AppRoles.Admin);
}
