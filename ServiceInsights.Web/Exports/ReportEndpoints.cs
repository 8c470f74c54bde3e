using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.MonthClose;

namespace ServiceInsights.Web.Exports;

/// <summary>
/// <c>GET /reports/{kind}/{month}.pdf|.xlsx?asOf=…</c>, each behind its report's policy (<see cref="ReportCatalog.PolicyOf"/>).
/// The language follows the request culture (the culture cookie), as the page does. A closed month without <c>asOf</c> answers
/// with its archived file.
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
                        (string month, string? asOf, IEnumerable<IReportExport> exports, MonthArchive archive, SettingsStore settings,
                            CancellationToken cancellationToken) =>
                            DownloadAsync(exports.Single(e => e.Kind == kind), archive, format, month, asOf, settings, cancellationToken))
                    .RequireAuthorization(ReportCatalog.PolicyOf(kind));
            }
        }

        return app;
    }

    private static async Task<IResult> DownloadAsync(IReportExport export, MonthArchive archive, ExportFormat format, string month,
        string? asOf, SettingsStore settings, CancellationToken cancellationToken)
    {
        var (problem, reportMonth, local) = await MonthRequest.ReadAsync(month, asOf, settings, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // A closed month without an as-of: the archived file, byte for byte.
        var file = await export.ExportOrArchivedAsync(archive, reportMonth, local, format, cancellationToken);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }
}
