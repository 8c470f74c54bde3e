using System.Collections.Frozen;

namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>
/// How a rate stands against its rule's target rate: <see cref="Met"/> at or above it, <see cref="Near"/> within the
/// near band below it, <see cref="Below"/> under that; <see cref="Small"/> when the rate rests on fewer records than the
/// small-sample setting (no colour), <see cref="None"/> when nothing is eligible (无数据). The JSON writes the name in lower
/// case.
/// </summary>
public enum RateStatus
{
    None,
    Small,
    Below,
    Near,
    Met,
}

/// <summary>
/// The numeric target rate of every rule, per year (settings <c>TargetRate.&lt;yyyy&gt;.&lt;rule&gt;</c>, in percent;
/// <see cref="DefaultPercent"/> when not set), and the two bands that judge a rate against it: <see cref="NearPoints"/>
/// below the target is amber, and a rate on fewer than <see cref="SmallSample"/> eligible records is not judged. The
/// rule's wording (<see cref="IMetricDefinition.Target"/>) stays its definition; this is the rate the department aims at.
/// </summary>
public sealed record TargetRates(IReadOnlyDictionary<int, IReadOnlyDictionary<string, double>> PercentByYear, int NearPoints, int SmallSample)
{
    public const double DefaultPercent = 95;

    public static TargetRates Defaults { get; } =
        new(FrozenDictionary<int, IReadOnlyDictionary<string, double>>.Empty, SlaSettings.Defaults.TargetNearPoints, SlaSettings.Defaults.SmallSampleBelow);

    /// <summary>The rule's target in percent for a year (95 unless the department set another).</summary>
    public double PercentOf(string id, int year) =>
        PercentByYear.TryGetValue(year, out var rules) && rules.TryGetValue(id, out var percent) ? percent : DefaultPercent;

    /// <summary>The rule's target as a rate (0.95).</summary>
    public double RateOf(string id, int year) => PercentOf(id, year) / 100;

    /// <summary>Judges a rate on <paramref name="eligible"/> records against the rule's target of the year.</summary>
    public RateStatus StatusOf(string id, int year, double? rate, int eligible) => Judge(rate, eligible, PercentOf(id, year));

    /// <summary>
    /// Compared in percent rounded to a tenth, as the rate is shown: a rate printed "95.0%" meets a 95 % target, and one
    /// printed "85.0%" is still amber with a 10-point band.
    /// </summary>
    public RateStatus Judge(double? rate, int eligible, double targetPercent)
    {
        if (rate is not { } value || eligible == 0)
        {
            return RateStatus.None;
        }

        if (eligible < SmallSample)
        {
            return RateStatus.Small;
        }

        var percent = Math.Round(value * 100, 1);
        return percent >= targetPercent ? RateStatus.Met
            : percent >= targetPercent - NearPoints ? RateStatus.Near
            : RateStatus.Below;
    }
}
