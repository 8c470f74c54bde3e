using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Shared;

/// <summary>
/// The month every page shows travels in the query string (<c>?month=2026-10</c>), so any view is a shareable URL.
/// It is read by <see cref="ReportPeriod"/>, as the endpoints and the CLI read theirs; this class carries it from link to link.
/// Without it, a page shows <see cref="DefaultMonthQuery"/>'s month: the current one once it holds tickets, else the last complete one.
/// </summary>
public static class MonthQuery
{
    public const string Name = ReportPeriod.MonthParameter;

    /// <summary>The month named in the URL, or null when absent or unreadable.</summary>
    public static ReportMonth? FromUri(string uri)
    {
        var query = new Uri(uri).Query;
        return QueryHelpers.ParseQuery(query).TryGetValue(Name, out var values) && ReportPeriod.TryReadMonth(values.ToString(), out var month)
            ? month
            : null;
    }

    public static async Task<ReportMonth> ResolveAsync(string? value, DefaultMonthQuery defaultMonth) =>
        ReportPeriod.TryReadMonth(value, out var month) ? month : await defaultMonth.GetAsync();

    /// <summary>An app-relative link that keeps the month of the current URL.</summary>
    public static string Link(NavigationManager navigation, string href) =>
        FromUri(navigation.Uri) is { } month ? QueryHelpers.AddQueryString(href, Name, month.ToString()) : href;
}
