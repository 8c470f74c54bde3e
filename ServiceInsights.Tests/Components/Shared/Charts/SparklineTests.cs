using Bunit;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Shared.Charts;

namespace ServiceInsights.Tests.Components.Shared.Charts;

/// <summary>The 12-month sparkline of the KPI cards and the KPI report: a scale fitted to the rates and the target, written
/// beside the line, so 90–99 % is not a flat line at the top of 0–100 %.</summary>
public sealed class SparklineTests : MudTestContext
{
    private IRenderedComponent<Sparkline> Draw(double? target, params double?[] rates) =>
        Render<Sparkline>(p => p.Add(c => c.Values, rates).Add(c => c.Target, target).Add(c => c.Label, "CS-1 近 12 个月"));

    private static (string Top, string Bottom) Scale(IRenderedComponent<Sparkline> line) =>
        (line.Find("[data-testid=sparkline-top]").TextContent, line.Find("[data-testid=sparkline-bottom]").TextContent);

    /// <summary>The heights of the line's ends in the 0–1000 box (1000 = the scale's bottom), month by month.</summary>
    private static IReadOnlyList<double> Ys(IRenderedComponent<Sparkline> line) =>
        [.. line.FindAll("svg line:not([class])").SelectMany(l => new[] { l.GetAttribute("y1"), l.GetAttribute("y2") })
            .Select(y => double.Parse(y!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void RatesOfNinetyToNinetyNinePercentFillTheHeightOnAScaleThatSaysSo()
    {
        var line = Draw(0.95, 0.90, 0.93, 0.99);

        Assert.Equal(("100%", "90%"), Scale(line));
        var ys = Ys(line);
        Assert.Equal(1000, ys.Max()); // 90 % on the bottom
        Assert.Equal(100, ys.Min()); // 99 % nine tenths up
        Assert.Equal("500", line.Find("line.si-sparkline-target").GetAttribute("y1"));
        Assert.Equal("100", line.Find("line.si-sparkline-dot").GetAttribute("y1"));
    }

    [Fact]
    public void ATargetBelowTheRatesIsKeptOnTheScale()
    {
        var line = Draw(0.80, 0.97, 0.99, 1.0);

        Assert.Equal(("100%", "80%"), Scale(line));
        Assert.Equal("1000", line.Find("line.si-sparkline-target").GetAttribute("y1"));
    }

    [Fact]
    public void RatesFarBelowTheTopStartTheScaleAtZero()
    {
        var line = Draw(0.95, 0.40, null, 1.0);

        Assert.Equal(("100%", "0%"), Scale(line));
        Assert.Empty(Ys(line)); // a month without data leaves no segment beside it
        Assert.Equal("0", line.Find("line.si-sparkline-dot").GetAttribute("y1"));
    }

    [Fact]
    public void OneRateThroughoutHasAScaleAtLeastFivePointsHighBelowItAndNoRateAtAllTheWholeScale()
    {
        var full = Draw(null, 1.0, 1.0, 1.0);
        Assert.Equal(("100%", "94%"), Scale(full));
        Assert.All(Ys(full), y => Assert.Equal(0, y));

        // 228 of 240 is 95 % against a 95 % target, give or take a rounding: no swing drawn out of it.
        var flat = Draw(0.95, 228 / 240.0, 228 / 240.0);
        Assert.Equal(("96%", "90%"), Scale(flat));

        var none = Draw(null, null, null);
        Assert.Equal(("100%", "0%"), Scale(none));
        Assert.Empty(none.FindAll("svg line"));
    }
}
