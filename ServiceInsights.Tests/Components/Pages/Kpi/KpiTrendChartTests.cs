using System.Globalization;
using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Kpi;

/// <summary>The dashboard's 12-month trend: hollow markers for small samples, the target line, gaps.</summary>
public sealed class KpiTrendChartTests : MudTestContext
{
    private static readonly ReportMonth[] Months = [new(2026, 8), new(2026, 9), new(2026, 10)];

    /// <summary>Three months of the headline rules at 96 % of 20 records, except CP-1 in September (1 of 3: a small sample)
    /// and CS-3a in August (nothing eligible).</summary>
    private static IReadOnlyList<KpiReport> ThreeMonths() =>
    [
        .. Months.Select(month => new KpiReport(month, month.FirstDay.AddMonths(1).ToDateTime(TimeOnly.MinValue), true,
        [
            .. KpiText.Headline.Select(id => (month.Month, id) switch
            {
                (9, "CP-1") => Result(id, eligible: 3, met: 1),
                (8, "CS-3a") => Result(id, eligible: 0, met: 0),
                _ => Result(id, eligible: 25, met: 24),
            }),
        ])),
    ];

    private static MetricResult Result(string id, int eligible, int met) =>
        new(id, MetricCatalog.Find(id).Group, eligible, met, 0, eligible == 0 ? null : (double)met / eligible, new BilingualText("", ""), []);

    [Fact]
    public void TheTrendMarksASmallSampleHollowWithItsCountAndDrawsTheTargetAsALine()
    {
        var chart = Render<KpiTrendChart>(p => p.Add(c => c.Reports, ThreeMonths()));

        var points = chart.FindAll("[data-testid=chart-point]");
        Assert.Equal(KpiText.Headline.Count * Months.Length - 1, points.Count); // CS-3a's August is a gap, not a 0
        var hollow = Assert.Single(points, p => p.GetAttribute("data-hollow") == "true");
        Assert.StartsWith("CP-1", hollow.GetAttribute("data-series"));
        Assert.Equal("CP-1 投诉分类知会 · 2026-09: 33.3% · 样本少 (n = 3)", hollow.GetAttribute("title"));
        Assert.Equal(hollow.GetAttribute("title"), hollow.GetAttribute("aria-label"));
        Assert.Contains("CS-3a", chart.Find("[data-testid=chart-point][data-series^='CS-3a']").GetAttribute("title"));

        var scale = chart.FindAll(".si-chart-tick").Select(t => t.TextContent).ToList();
        Assert.Equal("100%", scale[^1]);
        Assert.All(scale, s => Assert.EndsWith("%", s));
        Assert.Single(chart.FindAll("polyline.si-chart-target")); // one dashed line while the rules share 95 %
        var legend = chart.Find("[data-testid=chart-legend]").TextContent;
        Assert.Contains("目标值 95%", legend);
        Assert.Contains("空心点：样本少（适用记录少于 5 条）", legend);
        Assert.Contains("断开：当月无数据", legend);
        foreach (var id in KpiText.Headline)
        {
            Assert.Contains(id, legend);
        }
    }

    [Fact]
    public void InEnglishTheSmallSampleTooltipSaysSo()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.English);
        var chart = Render<KpiTrendChart>(p => p.Add(c => c.Reports, ThreeMonths()));

        var hollow = chart.Find("[data-testid=chart-point][data-hollow=true]");
        Assert.EndsWith("33.3% · small sample (n = 3)", hollow.GetAttribute("title"));
        Assert.Contains("Hollow point: small sample (fewer than 5 eligible records)", chart.Find("[data-testid=chart-legend]").TextContent);
    }

    [Fact]
    public void TheTrendWithoutSmallSamplesOrGapsLeavesThoseOutOfTheLegend()
    {
        var reports = ThreeMonths().Select(r => r with { Results = [.. r.Results.Select(x => Result(x.Id, 25, 24))] }).ToList();
        var chart = Render<KpiTrendChart>(p => p.Add(c => c.Reports, reports));

        Assert.Empty(chart.FindAll("[data-testid=chart-point][data-hollow=true]"));
        Assert.Empty(chart.FindAll("[data-testid=legend-hollow]"));
        Assert.DoesNotContain("断开", chart.Find("[data-testid=chart-legend]").TextContent);
        // All rates are 96 %: the scale starts above zero, so a change shows.
        Assert.NotEqual("0%", chart.FindAll(".si-chart-tick")[0].TextContent);
    }

    [Fact]
    public void AMonthBeingComputedIsShadedAndSaysSoInsteadOfAGap()
    {
        // September's figures are being computed (the stored summaries' queue): every rule without a rate there.
        var september = Months[1];
        var reports = ThreeMonths().Select(r => r with
        {
            Results = [.. r.Results.Select(x => r.Month == september ? Result(x.Id, 0, 0) : Result(x.Id, 25, 24))],
        }).ToList();

        var chart = Render<KpiTrendChart>(p => p.Add(c => c.Reports, reports).Add(c => c.Computing, [september]));

        var band = Assert.Single(chart.FindAll("[data-testid=chart-computing]"));
        Assert.Contains("left: 33.333%", band.GetAttribute("style"));
        Assert.Equal("正在计算：该月数据稍后显示", chart.Find("[data-testid=legend-computing]").TextContent.Trim());
        Assert.Empty(chart.FindAll("[data-testid=legend-gap]"));
        Assert.Equal(KpiText.Headline.Count * 2, chart.FindAll("[data-testid=chart-point]").Count);
    }

    [Fact]
    public void AMonthWithoutDataBesideOneBeingComputedKeepsItsGap()
    {
        // CS-3a has nothing eligible in August (a gap in the data); October is being computed.
        var october = Months[2];
        var reports = ThreeMonths().Select(r => r.Month == october ? r with { Results = [.. r.Results.Select(x => Result(x.Id, 0, 0))] } : r).ToList();

        var chart = Render<KpiTrendChart>(p => p.Add(c => c.Reports, reports).Add(c => c.Computing, [october]));

        Assert.Equal("断开：当月无数据", chart.Find("[data-testid=legend-gap]").TextContent.Trim());
        Assert.Single(chart.FindAll("[data-testid=legend-computing]"));
        Assert.Single(chart.FindAll("[data-testid=chart-computing]"));

        // Nothing computing: the same empty October is a gap, and no band or 正在计算 is drawn.
        var settled = Render<KpiTrendChart>(p => p.Add(c => c.Reports, reports));
        Assert.Empty(settled.FindAll("[data-testid=chart-computing]"));
        Assert.Empty(settled.FindAll("[data-testid=legend-computing]"));
        Assert.Single(settled.FindAll("[data-testid=legend-gap]"));
    }

    [Fact]
    public void InEnglishAMonthBeingComputedSaysSo()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.English);
        var chart = Render<KpiTrendChart>(p => p.Add(c => c.Reports, ThreeMonths()).Add(c => c.Computing, [Months[0]]));

        Assert.Equal("Being computed: the month's figures show in a moment", chart.Find("[data-testid=legend-computing]").TextContent.Trim());
    }
}
