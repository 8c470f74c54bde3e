using Bunit;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Shared.Charts;

namespace ServiceInsights.Tests.Components.Shared.Charts;

/// <summary>The report pages' bars: scale, values, units, legend, limits.</summary>
public sealed class PageBarChartTests : MudTestContext
{
    [Fact]
    public void StackedBarsShowEachTotalOnAWholeNumberScaleWithTheUnitAndALegend()
    {
        var chart = Render<PageBarChart>(p => p
            .Add(c => c.Label, "回访")
            .Add(c => c.Categories, ["第1周", "第2周", "第3周"])
            .Add(c => c.Series, [new BarSeries("电话", [1, 0, 2]), new BarSeries("短信（每周）", [0, 0, 1])])
            .Add(c => c.Unit, "回访数（次）")
            .Add(c => c.XTitle, "周"));

        Assert.Equal(["1", "0", "3"], chart.FindAll("[data-testid=chart-bar]").Select(b => b.GetAttribute("data-total")));
        Assert.Equal(["1", "3"], chart.FindAll(".si-chart-value").Select(v => v.TextContent));
        Assert.Equal(["0", "1", "2", "3"], chart.FindAll(".si-chart-tick").Select(t => t.TextContent));
        Assert.Equal("回访数（次）", chart.Find(".si-chart-unit").TextContent);
        Assert.Equal("周", chart.Find(".si-chart-xtitle").TextContent);
        Assert.Equal(["第1周", "第2周", "第3周"], chart.FindAll(".si-chart-x span").Select(s => s.TextContent));
        Assert.Equal("电话短信（每周）", chart.Find("[data-testid=chart-legend]").TextContent);
        Assert.Equal("第3周 · 短信（每周）: 1", chart.FindAll(".si-chart-segment[title^='第3周']")[0].GetAttribute("title"));
    }

    [Fact]
    public void OneSeriesOfBarsHasNoLegend()
    {
        var chart = Render<PageBarChart>(p => p
            .Add(c => c.Label, "满意度")
            .Add(c => c.Categories, ["1", "2", "3", "4", "5"])
            .Add(c => c.Series, [new BarSeries("满意度", [0, 0, 1, 4, 12])]));

        Assert.Empty(chart.FindAll("[data-testid=chart-legend]"));
        Assert.Equal("12", chart.FindAll(".si-chart-value")[^1].TextContent);
    }

    [Fact]
    public void ALimitIsADashedLineAfterItsCategoryWithItsLabel()
    {
        var chart = Render<PageBarChart>(p => p
            .Add(c => c.Label, "维修用时")
            .Add(c => c.Categories, ["0", "1", "2", "3", "4"])
            .Add(c => c.Series, [new BarSeries("维修件数", [1, 3, 2, 0, 1])])
            .Add(c => c.Marks, [new BarMark(2, "自产 ≤ 2"), new BarMark(7, "outside the chart")]));

        var mark = Assert.Single(chart.FindAll("[data-testid=chart-mark]"));
        Assert.Equal("自产 ≤ 2", mark.TextContent.Trim());
        Assert.Contains("left: 60%", mark.GetAttribute("style"));
    }
}
