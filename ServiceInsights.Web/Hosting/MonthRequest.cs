using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;

namespace ServiceInsights.Web.Hosting;

/// <summary>The <c>{month}</c> and <c>?asOf=</c> of the JSON and download endpoints, read one way.</summary>
public static class MonthRequest
{
    /// <returns>null when both are valid; otherwise the 400 problem to answer with.</returns>
    public static IResult? TryRead(string month, string? asOf, out ReportMonth reportMonth, out DateTime? asOfLocal)
    {
        asOfLocal = null;
        if (!ReportMonth.TryParse(month, out reportMonth))
        {
            return Results.Problem($"'{month}' is not a month in the form yyyy-MM.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrWhiteSpace(asOf))
        {
            return null;
        }

        if (!KpiService.TryParseAsOf(asOf, out var parsed))
        {
            return Results.Problem($"asOf '{asOf}' is not a local date-time such as 2026-11-27T00:00.", statusCode: StatusCodes.Status400BadRequest);
        }

        asOfLocal = parsed;
        return null;
    }
}
