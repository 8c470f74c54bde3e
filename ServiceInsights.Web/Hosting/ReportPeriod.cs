using System.Globalization;
using Microsoft.Extensions.Primitives;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// The month and as-of of a report, read one way wherever they come in: the <c>{month}</c> and <c>?asOf=</c> of the JSON
/// and download endpoints, the <c>?month=</c> and <c>?asOf=</c> of every page, and the CLI's <c>--month</c> and
/// <c>--asof</c>. Both must read and lie within the years of the working calendar, one either side
/// (<see cref="ReportYears"/>); anything else is a 400 (or the CLI's usage error, exit code 2), never a run of the engine.
/// </summary>
public static class ReportPeriod
{
    public const string MonthParameter = "month";
    public const string AsOfParameter = "asOf";

    /// <summary>The form an as-of travels in (links, the CLI's examples): <c>2026-11-27T00:00</c>.</summary>
    public const string AsOfFormat = "yyyy-MM-dd'T'HH:mm";

    private static readonly string[] AsOfFormats = [AsOfFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>Reads a month written <c>yyyy-MM</c>.</summary>
    public static bool TryReadMonth(string? text, out ReportMonth month) => ReportMonth.TryParse(text, out month);

    /// <summary>Reads an as-of given in the department's local time: <c>2026-11-27T00:00</c>, <c>2026-11-27 00:00</c> or a date.</summary>
    public static bool TryReadAsOf(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), AsOfFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>A page's as-of: the local time it names, or null (now) when absent. The bounds were checked before the page ran
    /// (<see cref="UseReportPeriodCheck"/>).</summary>
    public static DateTime? AsOfOrNow(string? text) => TryReadAsOf(text, out var local) ? local : null;

    /// <summary>The as-of a page's links carry on (downloads, the next page): its own in <see cref="AsOfFormat"/>, or none.</summary>
    public static string? AsOfLink(string? text) =>
        TryReadAsOf(text, out var local) ? local.ToString(AsOfFormat, CultureInfo.InvariantCulture) : null;

    /// <returns>Why the month cannot be used (English, for the problem and the CLI), or null.</returns>
    public static string? CheckMonth(string? text, ReportYears years, out ReportMonth month) =>
        !TryReadMonth(text, out month) ? $"month '{Clip(text ?? "")}' is not a month in the form yyyy-MM."
        : !years.Contains(month) ? $"month '{month}' is outside the years of the working calendar ({years})."
        : null;

    /// <returns>Why the as-of cannot be used, or null; an absent (empty) as-of means now.</returns>
    public static string? CheckAsOf(string? text, ReportYears years, out DateTime? local)
    {
        local = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!TryReadAsOf(text, out var parsed))
        {
            return $"asOf '{Clip(text)}' is not a local date-time such as 2026-11-27T00:00.";
        }

        if (!years.Contains(parsed))
        {
            return $"asOf '{text.Trim()}' is outside the years of the working calendar ({years}).";
        }

        local = parsed;
        return null;
    }

    /// <summary>Both at once, against the years of the calendar in force.</summary>
    /// <returns>Why they cannot be used, or null.</returns>
    public static async Task<(string? Error, ReportMonth Month, DateTime? AsOf)> CheckAsync(string? month, string? asOf, SettingsStore settings,
        CancellationToken cancellationToken = default)
    {
        var years = await settings.GetReportYearsAsync(cancellationToken);
        DateTime? local = null;
        var error = CheckMonth(month, years, out var reportMonth) ?? CheckAsOf(asOf, years, out local);
        return (error, reportMonth, local);
    }

    /// <returns>null when both are valid; otherwise the 400 problem to answer with.</returns>
    public static async Task<(IResult? Problem, ReportMonth Month, DateTime? AsOf)> ReadAsync(string month, string? asOf,
        SettingsStore settings, CancellationToken cancellationToken)
    {
        var (error, reportMonth, local) = await CheckAsync(month, asOf, settings, cancellationToken);
        return error is null ? (null, reportMonth, local) : (BadRequest(error), default, null);
    }

    /// <summary>
    /// Refuses a request whose query string carries an unreadable or out-of-range <c>month</c> or <c>asOf</c> (the pages
    /// read them as <c>[SupplyParameterFromQuery]</c>), before any page or endpoint runs.
    /// </summary>
    public static IApplicationBuilder UseReportPeriodCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var query = http.Request.Query;
        if (query.TryGetValue(MonthParameter, out var month) | query.TryGetValue(AsOfParameter, out var asOf))
        {
            var years = await http.RequestServices.GetRequiredService<SettingsStore>().GetReportYearsAsync(http.RequestAborted);
            var error = (month.Count > 0 && !StringValues.IsNullOrEmpty(month) ? CheckMonth(month.ToString(), years, out _) : null)
                        ?? CheckAsOf(asOf.ToString(), years, out _);
            if (error is not null)
            {
                await BadRequest(error).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>What the message repeats of a value: a bounded prefix, however long the URL.</summary>
    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
