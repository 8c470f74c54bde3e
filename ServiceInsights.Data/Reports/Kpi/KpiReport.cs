using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// Every rule of the metric dictionary for one month. <see cref="AsOf"/> is local; <see cref="CalendarComplete"/> is false
/// when the month or the span up to as-of touches a year without a loaded holiday schedule (working days are then guessed
/// from weekdays and the page must say so).
/// </summary>
public sealed record KpiReport(ReportMonth Month, DateTime AsOf, bool CalendarComplete, IReadOnlyList<MetricResult> Results)
{
    public MetricResult this[string id] => Results.Single(r => r.Id == id);

    /// <summary>The target rates in force when the report was made (<see cref="KpiService"/> sets them; the defaults otherwise).</summary>
    public TargetRates Targets { get; init; } = TargetRates.Defaults;

    /// <summary>The rule's target rate for the report's year (0.95).</summary>
    public double TargetRateOf(string id) => Targets.RateOf(id, Month.Year);

    /// <summary>How the rule's rate stands against its target rate (green, amber, red, small sample, no data).</summary>
    public RateStatus StatusOf(MetricResult result) => Targets.StatusOf(result.Id, Month.Year, result.Rate, result.Eligible);

    /// <summary>The same report with every rule's counts, rate and target but no verdicts: what a trend needs.</summary>
    public KpiReport Summary() => this with { Results = [.. Results.Select(r => r with { Verdicts = [] })] };
}
