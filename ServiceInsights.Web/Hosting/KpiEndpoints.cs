using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Web.Hosting;

/// <summary><c>GET /api/kpi/{month}?asOf=…</c>: the same JSON as <c>kpi --json</c>, for Managers and Admins; a closed
/// month's frozen figures when no as-of is asked.</summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpi/{month}", async (string month, string? asOf, KpiCache kpi, MonthArchive archive, SettingsStore settings,
            CancellationToken cancellationToken) =>
        {
            var (problem, reportMonth, local) = await ReportPeriod.ReadAsync(month, asOf, settings, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            // A closed month without an as-of: its frozen figures, "closed": true.
            if (local is null && await archive.FrozenAsync(reportMonth, cancellationToken) is { } frozen)
            {
                return Results.Text(KpiService.ToJson(frozen.Report, closed: frozen.Close), "application/json; charset=utf-8");
            }

            // Through the cache: identical requests share one engine run, and the as-of counts to the minute.
            var report = await kpi.GetAsync(reportMonth, local, cancellationToken);
            return Results.Text(KpiService.ToJson(report), "application/json; charset=utf-8");
        }).RequireAuthorization(Policies.Analytics);
        return app;
    }
}
