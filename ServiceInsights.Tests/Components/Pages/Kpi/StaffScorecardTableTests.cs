using System.Globalization;
using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Kpi;

/// <summary>The staff scorecard table from scorecards built by hand.</summary>
public sealed class StaffScorecardTableTests : MudTestContext
{
    private static readonly StaffScorecard Staff = new("张敏", 4, new Dictionary<string, MetricBreakdownRow>
    {
        ["CS-1a"] = new("张敏", 4, 2, 0, 0.5),
        ["CS-2"] = new("张敏", 6, 6, 0, 1.0),
    }, 0)
    {
        Statuses = new Dictionary<string, RateStatus> { ["CS-1a"] = RateStatus.Small, ["CS-2"] = RateStatus.Met },
    };

    [Theory]
    [InlineData(Localization.Chinese, true, "样本少 (n = 4)")]
    [InlineData(Localization.Chinese, false, "样本少 (n = 4)")]
    [InlineData(Localization.English, true, "small sample (n = 4)")]
    [InlineData(Localization.English, false, "small sample (n = 4)")]
    public void ASmallSamplesNoteIsACaptionOfItsOwnUnderTheRate(string language, bool opens, string note)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        RenderPopoverProvider();
        var table = Render<StaffScorecardTable>(p =>
        {
            p.Add(c => c.Rows, [Staff]);
            if (opens)
            {
                p.Add(c => c.OnOpen, ((string Staff, string RuleId) _) => { });
            }
        });

        // The rate (a link when it opens records) and the note were inline siblings: "50.0%样本少 (n = 4)" ran together.
        var cell = table.Find("td[data-rule=CS-1a]");
        var caption = cell.QuerySelector("[data-testid=scorecard-small-sample]")!;
        Assert.Equal(note, caption.TextContent.Trim());
        Assert.Equal("DIV", caption.TagName);
        Assert.Equal("50.0%", caption.PreviousElementSibling!.TextContent.Trim());
        Assert.Equal(opens, caption.PreviousElementSibling.TagName == "A");
        // A rate of a sample large enough has no note.
        Assert.Null(table.Find("td[data-rule=CS-2]").QuerySelector("[data-testid=scorecard-small-sample]"));
    }
}
