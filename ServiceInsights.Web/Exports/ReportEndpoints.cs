using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.MonthClose;

namespace ServiceInsights.Web.Exports;

/// <summary>
/// <c>GET /reports/{segment}/{month}.pdf|.xlsx?asOf=…</c> for every registered <see cref="ReportDefinition"/>, each behind
/// its report's policy (<see cref="ReportNames.Policy"/>). The language follows the request culture (the culture cookie), as
/// the page does. A closed month without <c>asOf</c> answers with its archived file.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var report in app.ServiceProvider.GetServices<ReportDefinition>())
        {
            foreach (var format in ExportFormats.All)
            {
                app.MapGet($"{report.Names.Route}/{{month}}.{ExportFormats.Extension(format)}",
                        (string month, string? asOf, MonthArchive archive, SettingsStore settings, CancellationToken cancellationToken) =>
                            DownloadAsync(report, archive, format, month, asOf, settings, cancellationToken))
                    .RequireAuthorization(report.Names.Policy);
            }
        }

        return app;
    }

    private static async Task<IResult> DownloadAsync(ReportDefinition report, MonthArchive archive, ExportFormat format, string month,
        string? asOf, SettingsStore settings, CancellationToken cancellationToken)
    {
        var (problem, reportMonth, local) = await ReportPeriod.ReadAsync(month, asOf, settings, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // A closed month without an as-of: the archived file, byte for byte.
        var file = await report.ExportOrArchivedAsync(archive, reportMonth, local, format, cancellationToken);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }
}
