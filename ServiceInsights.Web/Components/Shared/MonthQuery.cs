using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Web.Components.Shared;

/// <summary>
/// The month every page shows travels in the query string (<c>?month=2026-10</c>), so any view is a shareable URL.
/// Without it, a page shows the current month in the department's time zone.
/// </summary>
public static class MonthQuery
{
    public const string Name = "month";

    /// <summary>The month named in the URL, or null when absent or unreadable.</summary>
    public static ReportMonth? FromUri(string uri)
    {
        var query = new Uri(uri).Query;
        return QueryHelpers.ParseQuery(query).TryGetValue(Name, out var values) && ReportMonth.TryParse(values.ToString(), out var month)
            ? month
            : null;
    }

    public static ReportMonth Resolve(string? value, DepartmentClock clock) =>
        ReportMonth.TryParse(value, out var month) ? month : clock.CurrentMonth;

    /// <summary>An app-relative link that keeps the month of the current URL.</summary>
    public static string Link(NavigationManager navigation, string href) =>
        FromUri(navigation.Uri) is { } month ? QueryHelpers.AddQueryString(href, Name, month.ToString()) : href;
}
