using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Web.Components.Pages.Reports;

/// <summary>How the report pages write times, methods and sources; rates and colours come from <see cref="Kpi.KpiText"/>.</summary>
public static class ReportPageText
{
    /// <summary>A local time to the minute, the same in both languages (the reports' tables are dense).</summary>
    public static string Time(DateTime? local) => local?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string Day(DateOnly date) => date.ToString("MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The resource key of a callback method; null: not recorded.</summary>
    public static string MethodKey(CallbackMethod? method) => $"Report.Method.{method?.ToString() ?? "None"}";

    public static string SourceKey(ComplaintSource? source) => $"Report.Source.{source?.ToString() ?? "None"}";

    /// <summary>Every key built by the helpers above, for the localization test.</summary>
    public static IEnumerable<string> Keys =>
        Enum.GetValues<CallbackMethod>().Select(m => MethodKey(m)).Append(MethodKey(null))
            .Concat(Enum.GetValues<ComplaintSource>().Select(s => SourceKey(s)).Append(SourceKey(null)));

    /// <summary>A part of a whole as a whole-number percentage ("78%"); "—" when the whole is 0.</summary>
    public static string Share(int part, int whole) => whole == 0 ? "—" : ((double)part / whole).ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>The unknown holiday years the month (up to as-of) touches.</summary>
    public static IReadOnlyList<int> UnknownYears(WorkingCalendar calendar, ReportMonth month, DateTime asOf, bool complete)
    {
        var last = DateOnly.FromDateTime(asOf) > month.LastDay ? DateOnly.FromDateTime(asOf) : month.LastDay;
        return complete ? [] : calendar.UnknownYears(month.FirstDay, last);
    }
}
