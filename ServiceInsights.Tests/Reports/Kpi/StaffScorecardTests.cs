using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;

namespace ServiceInsights.Tests.Reports.Kpi;

public class StaffScorecardTests
{
    [Fact]
    public void CountsEachStaffMembersTicketsRatesAndForbiddenPhraseHits()
    {
        var verdicts = new Dictionary<string, RecordVerdict[]>
        {
            ["CS-2"] = [Verdict("GD-1", "张丽", Data.Domain.Metrics.Verdict.Met), Verdict("GD-2", "张丽", Data.Domain.Metrics.Verdict.Missed), Verdict("GD-3", "王芳", Data.Domain.Metrics.Verdict.Met)],
            ["CS-1b"] = [Verdict("GD-1", "张丽", Data.Domain.Metrics.Verdict.Missed), Verdict("GD-2", "张丽", Data.Domain.Metrics.Verdict.Met), Verdict("GD-3", "王芳", Data.Domain.Metrics.Verdict.Met)],
            ["CS-7c"] = [Verdict("HF-1", "王芳", Data.Domain.Metrics.Verdict.Pending)],
        };
        var report = new KpiReport(new ReportMonth(2026, 10), new DateTime(2026, 11, 27), true,
            [.. MetricCatalog.All.Select(d => MetricResult.From(d, new SlaSettings(), verdicts.GetValueOrDefault(d.Id) ?? []))]);

        var cards = StaffScorecard.From(report, new Dictionary<string, StaffSatisfaction> { ["王芳"] = new(4.25, 4) });

        Assert.Equal(["张丽", "王芳"], cards.Select(c => c.Staff)); // ordinal order
        var zhang = cards.Single(c => c.Staff == "张丽");
        Assert.Equal(2, zhang.Tickets);
        Assert.Equal(0.5, zhang.Rules["CS-2"].Rate);
        Assert.Equal(1, zhang.ForbiddenPhraseHits);
        var wang = cards.Single(c => c.Staff == "王芳");
        Assert.Equal(0, wang.ForbiddenPhraseHits);
        Assert.Equal(new StaffSatisfaction(4.25, 4), wang.Satisfaction);
        Assert.Null(zhang.Satisfaction);
        Assert.Equal(1, wang.Rules["CS-7c"].Pending);
        Assert.DoesNotContain("CS-4b", StaffScorecard.RuleIds);
    }

    private static RecordVerdict Verdict(string key, string staff, Verdict verdict) =>
        new(key, staff, "M-1", false, verdict, new BilingualText("原因", "reason"));
}
