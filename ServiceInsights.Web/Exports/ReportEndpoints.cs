using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Exports;

/// <summary>
/// <c>GET /reports/{kind}/{month}.pdf|.xlsx?asOf=…</c>, each behind its report's policy (<see cref="ReportCatalog.PolicyOf"/>).
/// The language follows the request culture (the culture cookie), as the page does.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var kind in ReportCatalog.All)
        {
            foreach (var format in Enum.GetValues<ExportFormat>())
            {
                app.MapGet($"/reports/{ReportCatalog.Segment(kind)}/{{month}}.{ReportCatalog.Extension(format)}",
                        (string month, string? asOf, IEnumerable<IReportExport> exports, CancellationToken cancellationToken) =>
                            DownloadAsync(exports.Single(e => e.Kind == kind), format, month, asOf, cancellationToken))
                    .RequireAuthorization(ReportCatalog.PolicyOf(kind));
            }
        }

        return app;
    }

    private static async Task<IResult> DownloadAsync(IReportExport export, ExportFormat format, string month, string? asOf,
        CancellationToken cancellationToken)
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

        var file = await export.ExportAsync(reportMonth, local, format, cancellationToken);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }
}
