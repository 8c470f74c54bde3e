using System.Globalization;

namespace ServiceInsights.Data.Domain;

/// <summary>
/// The years a report can be asked for: those of the working calendar in force, one either side. A month or an as-of
/// outside them is refused where it is read (pages, downloads, the API, the CLI), so a typo such as 9999 never reaches
/// the metric engine.
/// </summary>
public sealed record ReportYears(int First, int Last)
{
    /// <param name="calendarYears">The years the working calendar has a holiday schedule for.</param>
    /// <param name="today">The department's date, for a calendar without years.</param>
    public static ReportYears Around(IEnumerable<int> calendarYears, DateOnly today)
    {
        var years = calendarYears.DefaultIfEmpty(today.Year).ToList();
        return new ReportYears(years.Min() - 1, years.Max() + 1);
    }

    public bool Contains(ReportMonth month) => month.Year >= First && month.Year <= Last;

    public bool Contains(DateTime local) => local.Year >= First && local.Year <= Last;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}–{Last}");
}
