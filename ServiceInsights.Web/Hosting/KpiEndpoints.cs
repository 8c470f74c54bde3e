using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Web.Hosting;

/// <summary><c>GET /api/kpi/{month}?asOf=…</c>: the same JSON as <c>kpi --json</c>, for Managers and Admins.</summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpi/{month}", async (string month, string? asOf, KpiCache kpi, SettingsStore settings, CancellationToken cancellationToken) =>
        {
            var (problem, reportMonth, local) = await MonthRequest.ReadAsync(month, asOf, settings, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            // Through the cache: identical requests share one engine run, and the as-of counts to the minute.
            var report = await kpi.GetAsync(reportMonth, local, cancellationToken);
            return Results.Text(KpiService.ToJson(report), "application/json; charset=utf-8");
        }).RequireAuthorization(Policies.Analytics);
        return app;
    }
}
