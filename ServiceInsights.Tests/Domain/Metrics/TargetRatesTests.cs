using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Tests.Domain.Metrics;

public class TargetRatesTests
{
    private static readonly TargetRates Rates = new(
        new Dictionary<int, IReadOnlyDictionary<string, double>> { [2026] = new Dictionary<string, double> { ["CS-3a"] = 90 } }, NearPoints: 10, SmallSample: 5);

    [Theory]
    [InlineData(null, 0, RateStatus.None)] // 无数据
    [InlineData(1.0, 4, RateStatus.Small)] // 4 < 5: not judged, however good
    [InlineData(0.0, 4, RateStatus.Small)]
    [InlineData(0.95, 5, RateStatus.Met)] // at the target
    [InlineData(0.9496, 200, RateStatus.Met)] // shown as 95.0%
    [InlineData(0.9494, 200, RateStatus.Near)] // shown as 94.9%
    [InlineData(0.85, 20, RateStatus.Near)] // exactly 10 points below: still amber
    [InlineData(0.849, 1000, RateStatus.Below)] // 84.9%
    [InlineData(0.2, 5, RateStatus.Below)]
    public void JudgesARateAgainstTheDefaultTargetOf95(double? rate, int eligible, RateStatus expected) =>
        Assert.Equal(expected, Rates.StatusOf("CS-3b", 2026, rate, eligible));

    [Fact]
    public void TakesTheRulesOwnTargetOfTheYearAndTheDefaultInOtherYears()
    {
        Assert.Equal(0.90, Rates.RateOf("CS-3a", 2026), 9);
        Assert.Equal(0.95, Rates.RateOf("CS-3a", 2027), 9);
        Assert.Equal(RateStatus.Met, Rates.StatusOf("CS-3a", 2026, 0.91, 10));
        Assert.Equal(RateStatus.Near, Rates.StatusOf("CS-3a", 2027, 0.91, 10));
    }

    [Fact]
    public void TheBandsAreSettings()
    {
        var strict = Rates with { NearPoints = 2, SmallSample = 20 };
        Assert.Equal(RateStatus.Below, strict.StatusOf("CS-3b", 2026, 0.92, 20));
        Assert.Equal(RateStatus.Small, strict.StatusOf("CS-3b", 2026, 0.92, 19));
    }
}
