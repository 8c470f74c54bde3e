using ServiceInsights.Data.Reports.Kpi;

namespace ServiceInsights.Web.Hosting;

/// <summary><c>GET /api/kpi/{month}?asOf=…</c>: the same JSON as <c>kpi --json</c>, for Managers and Admins.</summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpi/{month}", async (string month, string? asOf, KpiService kpi, CancellationToken cancellationToken) =>
        {
            if (MonthRequest.TryRead(month, asOf, out var reportMonth, out var local) is { } problem)
            {
                return problem;
            }

            var report = await kpi.RunAsync(reportMonth, local, cancellationToken);
            return Results.Text(KpiService.ToJson(report), "application/json; charset=utf-8");
        }).RequireAuthorization(Policies.Analytics);
        return app;
    }
}
