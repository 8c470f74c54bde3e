using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// Builds the monthly KPI report from the twelve monthly engine runs up to the month — the same runs the /kpi dashboard
/// shows, so a page can hand over the reports it already has cached (<see cref="FromYearAsync"/>) — plus the staff
/// satisfaction (DP-1, averaged in the database).
/// </summary>
public sealed class MonthlyKpiReportQuery(KpiService kpi, StaffSatisfactionQuery satisfaction, SettingsStore settings, KpiCommentStore comments)
{
    /// <summary>
    /// Runs the engine for the month and the eleven before it (one after the other), all with the same as-of: the month in
    /// full, the eleven before it as summaries (their counts and rates are all the report shows of them), so their snapshots
    /// are not kept while the next month runs.
    /// </summary>
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<MonthlyKpiReport> RunAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var year = new List<KpiReport>();
        for (var i = 0; i < 12; i++)
        {
            var m = ReportMonth.From(month.FirstDay.AddMonths(i - 11));
            year.Add(i < 11 ? await kpi.SummarizeAsync(m, asOfLocal, cancellationToken) : await kpi.RunAsync(m, asOfLocal, cancellationToken));
        }

        return await FromYearAsync(year, cancellationToken);
    }

    /// <param name="year">The engine's reports of twelve consecutive months, oldest first; the last is the report's month.</param>
    public async Task<MonthlyKpiReport> FromYearAsync(IReadOnlyList<KpiReport> year, CancellationToken cancellationToken = default)
    {
        if (year.Count == 0)
        {
            throw new ArgumentException("At least the report's month is needed.", nameof(year));
        }

        var report = year[^1];
        var month = report.Month;
        var sla = await settings.GetSlaAsync(cancellationToken);
        var calendar = await settings.GetCalendarAsync(cancellationToken);
        var last = DateOnly.FromDateTime(report.AsOf) > month.LastDay ? DateOnly.FromDateTime(report.AsOf) : month.LastDay;
        var staff = StaffScorecard.From(report, await satisfaction.ForMonthAsync(month, report.AsOf, cancellationToken));
        return new MonthlyKpiReport(
            month, report.AsOf, report.CalendarComplete, report.CalendarComplete ? [] : calendar.UnknownYears(month.FirstDay, last), sla,
            [.. year.Select(r => r.Month)],
            [.. report.Results.Select(r => RowOf(r, year))],
            staff,
            [.. report.Results.Select(VipRowOf)])
        {
            Comments = await comments.ForMonthAsync(month, cancellationToken),
        };
    }

    private static MonthlyKpiRow RowOf(MetricResult result, IReadOnlyList<KpiReport> year)
    {
        var previous = year.Count > 1 ? year[^2][result.Id].Rate : null;
        double? change = result.Rate is { } now && previous is { } before ? Math.Round((now - before) * 100, 1) : null;
        var report = year[^1];
        return new MonthlyKpiRow(result.Id, result.Group, result.Target, result.Eligible, result.Met, result.Missed, result.Pending,
            result.Rate, previous, change, [.. year.Select(r => r[result.Id].Rate)])
        {
            TargetRate = report.TargetRateOf(result.Id),
            Status = report.StatusOf(result),
            TrendStatus = [.. year.Select(r => r.StatusOf(r[result.Id]))],
            TrendTargets = [.. year.Select(r => r.TargetRateOf(result.Id))],
        };
    }

    private static MonthlyKpiVipRow VipRowOf(MetricResult result)
    {
        var groups = MetricBreakdown.ByVip(result);
        return new MonthlyKpiVipRow(result.Id, groups.SingleOrDefault(g => g.Group == "VIP"), groups.SingleOrDefault(g => g.Group == ""));
    }
}
