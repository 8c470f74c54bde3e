using ServiceInsights.Data.Domain.Metrics;
using static ServiceInsights.Tests.Domain.Metrics.MetricFacts;

namespace ServiceInsights.Tests.Domain.Metrics;

/// <summary>
/// <see cref="MetricCatalog.Evaluate(IMetricDefinition, MetricInputs, MetricContext, bool)"/>: a rule's verdicts are kept one
/// number each and read back as views of the records; every view must say what the rule says of that record.
/// </summary>
public class MetricCatalogTests
{
    private static readonly TicketFacts[] Tickets =
    [
        Ticket("2026-03-05 09:00") with { TicketNo = "GD-1", SatisfactoryReplyAt = At("2026-03-05 09:10") }, // not eligible: replied at once
        Ticket("2026-03-05 09:00") with { TicketNo = "GD-2", SatisfactoryReplyAt = At("2026-03-05 10:00"), PromisedBy = At("2026-03-06 12:00") }, // met
        Ticket("2026-03-05 09:00") with { TicketNo = "GD-3", Staff = "王芳", Model = "TPCB-III-A", Vip = true, SatisfactoryReplyAt = At("2026-03-05 10:00") }, // missed
        Ticket("2026-03-05 09:30") with { TicketNo = "GD-4" }, // pending at 09:40
    ];

    private static MetricResult Evaluate(bool keepVerdicts = true) =>
        MetricCatalog.Evaluate(new Cs3cTimeCommitment(), new MetricInputs(Tickets, [], [], [], [], []), AsOf("2026-03-05 09:40"), keepVerdicts);

    [Fact]
    public void KeepsTheVerdictsOfTheRecordsTheRuleAppliesToInTheirOrder()
    {
        var result = Evaluate();

        Assert.Equal((1, 1, 1), (result.Met, result.Missed, result.Pending));
        Assert.Equal(["GD-2", "GD-3", "GD-4"], result.Verdicts.Select(v => v.Key));
        Assert.Equal([Verdict.Met, Verdict.Missed, Verdict.Pending], result.Verdicts.Select(v => v.Verdict));
        Assert.Equal(Tickets[2], result.Verdicts[1].Record);
        Assert.Equal(("王芳", "TPCB-III-A", true), (result.Verdicts[1].Staff, result.Verdicts[1].Model, result.Verdicts[1].Vip));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Verdicts[3]);
    }

    [Fact]
    public void ReadsEachReasonFromTheRuleJudgingThatRecordAgain()
    {
        var result = Evaluate();
        var context = AsOf("2026-03-05 09:40");

        Assert.All(result.Verdicts, v => Assert.Equal(new Cs3cTimeCommitment().Evaluate((TicketFacts)v.Record, context).Reason, v.Reason));
        Assert.Equal("no promised-by time stated", result.Verdicts[1].Reason.English);
    }

    [Fact]
    public void KeepsOnlyTheCountsForASummary()
    {
        var result = Evaluate(keepVerdicts: false);

        Assert.Equal((2, 1, 1), (result.Eligible, result.Met, result.Pending));
        Assert.Empty(result.Verdicts);
    }
}
