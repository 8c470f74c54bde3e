using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using static ServiceInsights.Tests.Domain.Metrics.MetricFacts;

namespace ServiceInsights.Tests.Domain.Metrics;

public class ComplaintMetricTests
{
    [Theory]
    [InlineData(true, true, null, 3)] // media beats a threat
    [InlineData(null, true, null, 2)] // a threat of an external complaint
    [InlineData(null, null, "2026-03-10 14:20", 2)] // day 90 (received 2026-06-08 09:40): in
    [InlineData(null, null, "2026-03-09 14:20", 1)] // day 91: out
    [InlineData(null, null, "2026-03-10 09:39", 1)] // more than 90×24 h before
    [InlineData(null, null, "2026-06-08 09:40", 1)] // not earlier
    [InlineData(null, null, null, 1)]
    public void ClassesAComplaint(bool? media, bool? threat, string? earlier, int expected)
    {
        var complaint = Complaint() with
        {
            Media = media, ThreatensExternal = threat,
            Earlier = earlier is null ? [] : [new PriorComplaint("TS-1", "湖北省荆州市农业农村局 ", At(earlier))], // trailing space: same customer
        };
        Assert.Equal(expected, ComplaintClassifier.Classify(complaint, 90).Level);
    }

    [Theory]
    [InlineData(60, 1)]
    [InlineData(100, 2)]
    public void TakesTheRepeatWindowFromTheSettings(int days, int expected)
    {
        var complaint = Complaint() with { Earlier = [new PriorComplaint("TS-1", "湖北省荆州市农业农村局", At("2026-03-10 14:20"))] };
        Assert.Equal(expected, ComplaintClassifier.Classify(complaint, days).Level);
    }

    [Fact]
    public void IgnoresAnEarlierComplaintOfAnotherCustomer()
    {
        var complaint = Complaint() with { Earlier = [new PriorComplaint("TS-1", "江西省宜春市农业农村局", At("2026-05-10 14:20"))] };
        Assert.Equal(1, ComplaintClassifier.Classify(complaint, 90).Level);
    }

    [Theory]
    [InlineData(true, null, "2026-06-08 10:00", null, Verdict.Met)] // class 3, leader informed
    [InlineData(true, null, null, "2026-06-08 10:00", Verdict.Missed)] // class 3 needs the leader
    [InlineData(null, true, null, "2026-06-08 10:00", Verdict.Met)] // class 2, manager informed
    [InlineData(null, true, null, null, Verdict.Missed)]
    [InlineData(null, null, null, null, Verdict.NotEligible)] // class 1
    public void WantsClass2And3ComplaintsReportedUpward(bool? media, bool? threat, string? leader, string? manager, Verdict expected)
    {
        var complaint = Complaint() with
        {
            Media = media, ThreatensExternal = threat, LeaderInformedAt = AtOrNull(leader), ManagerInformedAt = AtOrNull(manager),
        };
        Assert.Equal(expected, new Cp1Escalation().Evaluate(complaint, AsOf("2026-07-01 09:00")).Verdict);
    }

    [Theory]
    [InlineData(ComplaintSource.SalesRelay, "2026-06-08 10:10", "2026-07-01 09:00", Verdict.Met)] // 30 min
    [InlineData(ComplaintSource.SalesRelay, "2026-06-08 10:11", "2026-07-01 09:00", Verdict.Missed)] // 31 min
    [InlineData(ComplaintSource.SalesRelay, null, "2026-06-08 10:05", Verdict.Pending)]
    [InlineData(ComplaintSource.SalesRelay, null, "2026-06-08 10:11", Verdict.Missed)]
    [InlineData(ComplaintSource.Customer, null, "2026-07-01 09:00", Verdict.NotEligible)]
    public void WantsFeedbackToSalesWithin30CalendarMinutes(ComplaintSource source, string? feedback, string asOf, Verdict expected)
    {
        var complaint = Complaint("2026-06-08 09:40") with { Source = source, SalesFeedbackAt = AtOrNull(feedback) };
        Assert.Equal(expected, new Cs8bSalesFeedback().Evaluate(complaint, AsOf(asOf)).Verdict);
    }

    [Fact]
    public void JudgesTheStagesOfAComplaint()
    {
        var context = AsOf("2026-07-01 09:00");
        var open = Complaint();
        Assert.Equal(Verdict.Missed, new Cp2aStatedWait().Evaluate(open, context).Verdict);
        Assert.Equal(Verdict.Met, new Cp2aStatedWait().Evaluate(open with { PromisedBy = At("2026-07-10 17:00") }, context).Verdict); // a promise may lie after as-of
        Assert.Equal(Verdict.Missed, new Cp2bMeasures().Evaluate(open with { Measures = " " }, context).Verdict);
        Assert.Equal(Verdict.Met, new Cp2bMeasures().Evaluate(open with { Measures = "更换主板" }, context).Verdict);
        Assert.Equal(Verdict.NotEligible, new Cp2cFollowUp().Evaluate(open, context).Verdict);
        Assert.Equal(Verdict.NotEligible, new Cp2dCorrectiveAction().Evaluate(open, context).Verdict);

        var closed = open with { ClosedAt = At("2026-06-20 16:00") };
        Assert.Equal(Verdict.Missed, new Cp2cFollowUp().Evaluate(closed with { ResultNotifiedAt = At("2026-06-20 15:00") }, context).Verdict);
        Assert.Equal(Verdict.Met, new Cp2cFollowUp().Evaluate(closed with { ResultNotifiedAt = At("2026-06-20 15:00"), Satisfaction = 4 }, context).Verdict);
        var capa = closed with { RootCause = "电源老化", CorrectiveAction = "更换电源", Responsible = "李工" };
        Assert.Equal(Verdict.Met, new Cp2dCorrectiveAction().Evaluate(capa, context).Verdict);
        var noOwner = new Cp2dCorrectiveAction().Evaluate(capa with { Responsible = null }, context);
        Assert.Equal((Verdict.Missed, "missing: responsible person"), (noOwner.Verdict, noOwner.Reason.English));

        Assert.Equal(Verdict.NotEligible, new Cp2eCaseStudy().Evaluate(closed, context).Verdict); // class 1
        Assert.Equal(Verdict.Missed, new Cp2eCaseStudy().Evaluate(closed with { Media = true }, context).Verdict);
        Assert.Equal(Verdict.Met, new Cp2eCaseStudy().Evaluate(closed with { Media = true, CaseStudyWritten = true }, context).Verdict);
    }

    [Theory]
    [InlineData(QuoteBasis.TaxInclusive, null, Verdict.Met)]
    [InlineData(QuoteBasis.TaxExclusive, true, Verdict.Met)]
    [InlineData(QuoteBasis.TaxExclusive, false, Verdict.Missed)]
    [InlineData(QuoteBasis.TaxExclusive, null, Verdict.Missed)]
    [InlineData(null, null, Verdict.Missed)]
    public void WantsTheTaxInclusivePriceFirst(QuoteBasis? basis, bool? noInvoice, Verdict expected) =>
        Assert.Equal(expected, new Cs6TaxInclusiveQuote().Evaluate(
            new QuoteFacts { QuoteNo = "BJ-1", QuotedAt = At("2026-03-05 10:00"), FirstQuoted = basis, NoInvoiceRequested = noInvoice },
            AsOf("2026-03-06 09:00")).Verdict);

    [Theory]
    [InlineData(true, true, true, 5, Verdict.Met)]
    [InlineData(true, true, null, 5, Verdict.Missed)]
    [InlineData(true, true, true, null, Verdict.Missed)]
    [InlineData(false, null, null, null, Verdict.NotEligible)] // not reached
    public void WantsACompleteCallback(bool reached, bool? solved, bool? running, int? satisfaction, Verdict expected) =>
        Assert.Equal(expected, new Cs7cCompleteCallback().Evaluate(
            new CallbackFacts { CallbackNo = "HF-1", At = At("2026-03-05 10:00"), Reached = reached, Solved = solved, RunningNormally = running, Satisfaction = satisfaction },
            AsOf("2026-03-06 09:00")).Verdict);

    [Fact]
    public void ListsAllTwentySevenRulesOfTheDictionaryOnce()
    {
        string[] ids = ["CS-1a", "CS-1b", "CS-2", "CS-3a", "CS-3b", "CS-3c", "CS-3d", "CS-4a", "CS-4b", "CS-4c", "CS-5", "CS-6", "CS-7a", "CS-7b",
            "CS-7c", "CS-8b", "OS-1", "OS-2a", "OS-2b", "OS-2c", "OS-2d", "CP-1", "CP-2a", "CP-2b", "CP-2c", "CP-2d", "CP-2e"];
        Assert.Equal(ids, MetricCatalog.All.Select(d => d.Id));
        Assert.All(MetricCatalog.All, d => Assert.StartsWith(d.Group.ToString(), d.Id, StringComparison.Ordinal));
        Assert.All(MetricCatalog.All, d => Assert.False(string.IsNullOrEmpty(d.Target(SlaSettings.Defaults).Chinese)));
    }
}
