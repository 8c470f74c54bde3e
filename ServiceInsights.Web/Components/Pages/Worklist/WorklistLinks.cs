using Microsoft.AspNetCore.WebUtilities;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Pages.Worklist;

/// <summary>The worklist's filters in the query string: the page's URL and its downloads' carry the same ones.</summary>
public static class WorklistLinks
{
    public const string PagePath = "/callbacks/worklist";

    /// <summary>The filter the query-string values name; unknown values fall back (any rule, this week).</summary>
    public static WorklistFilter Filter(string? staff, string? rule, string? due) => new(
        string.IsNullOrWhiteSpace(staff) ? null : staff.Trim(),
        CallbackDuty.Find(rule)?.Rule,
        Enum.TryParse<WorklistWindow>(due, ignoreCase: true, out var window) && Enum.IsDefined(window) ? window : WorklistWindow.Week);

    public static string Query(WorklistFilter filter, string? asOf)
    {
        var values = new Dictionary<string, string?>();
        if (filter.Staff is { } staff)
        {
            values["staff"] = staff;
        }

        if (filter.Rule is { } rule)
        {
            values["rule"] = rule;
        }

        values["due"] = filter.Window.ToString().ToLowerInvariant();
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            values[ReportPeriod.AsOfParameter] = asOf;
        }

        return QueryHelpers.AddQueryString("", values);
    }

    public static string Page(WorklistFilter filter, string? asOf) => PagePath + Query(filter, asOf);
}
