using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;

namespace ServiceInsights.Web.Hosting;

/// <summary><c>GET /api/kpi/{month}?asOf=…</c>: the same JSON as <c>kpi --json</c>, for Managers and Admins.</summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpi/{month}", async (string month, string? asOf, KpiService kpi, CancellationToken cancellationToken) =>
        {
            if (!ReportMonth.TryParse(month, out var reportMonth))
            {
                return Results.Problem($"'{month}' is not a month in the form yyyy-MM.", statusCode: StatusCodes.Status400BadRequest);
            }

            DateTime? local = null;
            if (!string.IsNullOrWhiteSpace(asOf))
            {
                if (!KpiService.TryParseAsOf(asOf, out var parsed))
                {
                    return Results.Problem($"asOf '{asOf}' is not a local date-time such as 2026-11-27T00:00.", statusCode: StatusCodes.Status400BadRequest);
                }

                local = parsed;
            }

            var report = await kpi.RunAsync(reportMonth, local, cancellationToken);
            return Results.Text(KpiService.ToJson(report), "application/json; charset=utf-8");
        }).RequireAuthorization(Policies.Analytics);
        return app;
    }
}
