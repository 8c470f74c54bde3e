using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Exports.EightD;

/// <summary><c>GET /eightd/{number}.pdf|.xlsx</c> behind <see cref="Policies.EightD"/>; 404 for an unknown number. The language follows the request culture.</summary>
public static class EightDEndpoints
{
    public static IEndpointRouteBuilder MapEightDEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            app.MapGet($"/eightd/{{number}}.{ExportFormats.Extension(format)}",
                    async (string number, EightDExport export, CancellationToken cancellationToken) =>
                        await export.ExportAsync(number, format, cancellationToken) is { } file
                            ? Results.File(file.Content, file.ContentType, file.FileName)
                            : Results.NotFound())
                .RequireAuthorization(Policies.EightD);
        }

        return app;
    }
}
