using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports.Complaints;

/// <summary>The monthly complaint summary (CP-2f) from records built by hand, every figure counted by hand; as-of 2026-11-27 00:00.</summary>
public sealed class ComplaintSummaryQueryTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Task<ComplaintSummary> RunAsync(ReportMonth month) =>
        new ComplaintSummaryQuery(_database.Factory,
                _database.KpiCache(),
                new SettingsStore(_database.Factory, TestClock.Shanghai), TestClock.Shanghai, _database.FollowUps())
            .RunAsync(month, TestClock.Local("2026-11-27 00:00"));

    private async Task SeedOctoberAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            // August: not October's, but it makes TS-1 a repeat (68 days later).
            new ComplaintBuilder().No("TS-0").Customer("荆州市农业局").ReceivedAt("2026-08-01 10:00").Build(),
            // Class 2 (repeat), closed with full CAPA, manager informed: CP-1, CP-2a…2d met.
            new ComplaintBuilder().No("TS-1").Customer("荆州市农业局 ").ReceivedAt("2026-10-08 10:00").RootCause("灯管老化").With(c =>
            {
                (c.ProductName, c.Model, c.Source) = ("虫情测报灯", "TPCB-III", ComplaintSource.Customer);
                (c.PromisedBy, c.Measures, c.ManagerInformedAt) = (TestClock.Utc("2026-10-09 17:00"), "上门更换灯管", TestClock.Utc("2026-10-08 11:00"));
                (c.ResultNotifiedAt, c.Satisfaction, c.ClosedAt) = (TestClock.Utc("2026-10-15 10:00"), 4, TestClock.Utc("2026-10-15 12:00"));
                (c.CorrectiveAction, c.Responsible) = ("更换灯管", "李工");
            }).Build(),
            // Class 3 (media), relayed by sales with feedback in 20 min, model from the linked ticket; leader not informed; closed
            // with a case study but no corrective action.
            new TicketBuilder().No("GD-9").ReceivedAt("2026-09-20 10:00").Product("种子考种仪", "SC-1").Build(),
            new ComplaintBuilder().No("TS-2").Ticket("GD-9").Customer("武汉种子站").ReceivedAt("2026-10-12 09:00").RootCause("说明书不清").With(c =>
            {
                (c.Media, c.Source, c.SalesFeedbackAt) = (true, ComplaintSource.SalesRelay, TestClock.Utc("2026-10-12 09:20"));
                (c.ClosedAt, c.CaseStudyWritten, c.Responsible) = (TestClock.Utc("2026-10-25 16:00"), true, "王工");
            }).Build(),
            // Class 2 (threat), sales feedback after 60 min, still open: 38 days old at 11-27.
            new ComplaintBuilder().No("TS-3").Customer("襄阳农科所").ReceivedAt("2026-10-20 14:00").RootCause("灯管老化").With(c =>
            {
                (c.ThreatensExternal, c.Source, c.SalesFeedbackAt) = (true, ComplaintSource.SalesRelay, TestClock.Utc("2026-10-20 15:00"));
                (c.ProductName, c.Model) = ("虫情测报灯", "TPCB-III");
            }).Build(),
            // Class 1 with nothing recorded; closed only after the as-of, so open (28 days).
            new ComplaintBuilder().No("TS-4").Customer("宜昌植保站").ReceivedAt("2026-10-30 16:00").With(c => c.ClosedAt = TestClock.Utc("2026-12-01 09:00")).Build(),
            new ComplaintBuilder().No("TS-5").Customer("宜昌植保站").ReceivedAt("2026-11-02 09:00").Build());
    }

    [Fact]
    public async Task CountsTheMonthsComplaintsByClassWithTheClassifiersReasons()
    {
        await SeedOctoberAsync();

        var summary = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(["TS-1", "TS-2", "TS-3", "TS-4"], summary.Detail.Select(r => r.ComplaintNo));
        Assert.Equal([new(1, 1), new(2, 2), new ComplaintClassCount(3, 1)], summary.ByClass);
        Assert.Equal([2, 3, 2, 1], summary.Detail.Select(r => r.Class.Level));
        Assert.Contains("TS-0", summary.Detail[0].Class.Reason.Chinese, StringComparison.Ordinal);
        Assert.Equal("已投诉至媒体", summary.Detail[1].Class.Reason.Chinese);
        Assert.Equal("threatens an external complaint", summary.Detail[2].Class.Reason.English);
        Assert.Equal((4, 2), (summary.Total, summary.Closed));
    }

    [Fact]
    public async Task GroupsByProductCauseAndSourceLargestFirst()
    {
        await SeedOctoberAsync();

        var summary = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal([new("虫情测报灯 TPCB-III", 2), new("", 1), new ComplaintGroupCount("种子考种仪 SC-1", 1)], summary.ByProduct);
        Assert.Equal([new("灯管老化", 2), new("", 1), new ComplaintGroupCount("说明书不清", 1)], summary.ByCause);
        Assert.Equal(
            [new(ComplaintSource.Customer, 1), new(ComplaintSource.SalesRelay, 2), new ComplaintSourceCount(null, 1)],
            summary.BySource);
    }

    [Fact]
    public async Task TakesEveryStageRuleFromTheEngine()
    {
        await SeedOctoberAsync();

        var rules = (await RunAsync(new ReportMonth(2026, 10))).Rules;

        Assert.Equal(["CP-1", "CP-2a", "CP-2b", "CP-2c", "CP-2d", "CP-2e"], rules.Stages.Select(r => r.Id));
        Assert.Equal((2, 1), (rules.SalesFeedback.Eligible, rules.SalesFeedback.Met)); // CS-8b: 20 min met, 60 min missed
        Assert.Equal((3, 1), (rules.Escalation.Eligible, rules.Escalation.Met)); // CP-1: TS-1 met; TS-2, TS-3 missed
        Assert.Equal((4, 1), (rules.StatedWait.Eligible, rules.StatedWait.Met));
        Assert.Equal((4, 1), (rules.Measures.Eligible, rules.Measures.Met));
        Assert.Equal((2, 1), (rules.FollowUp.Eligible, rules.FollowUp.Met)); // closed: TS-1, TS-2
        Assert.Equal((2, 1), (rules.CorrectiveAction.Eligible, rules.CorrectiveAction.Met));
        Assert.Equal((1, 1), (rules.CaseStudy.Eligible, rules.CaseStudy.Met));
    }

    [Fact]
    public async Task ListsOpenComplaintsByAgeCapaStatusAndCaseStudies()
    {
        await SeedOctoberAsync();

        var summary = await RunAsync(new ReportMonth(2026, 10));

        // TS-0 (August) is still open at the as-of: it carries over into October's list.
        Assert.Equal([("TS-0", 118), ("TS-3", 38), ("TS-4", 28)], summary.Open.Select(r => (r.ComplaintNo, r.AgeDays)));
        Assert.Equal(new ReportMonth(2026, 8), summary.Open[0].ReceivedMonth);
        Assert.Null(summary.Open[2].ClosedAt); // closed after the as-of: not known yet
        Assert.Equal([7, 13], summary.Detail.Take(2).Select(r => r.AgeDays)); // received → closed
        Assert.Equal([Verdict.Met, Verdict.Missed, (Verdict?)null, null], summary.Capa.Select(r => r.Capa?.Verdict));
        Assert.Contains("纠正措施", summary.Capa[1].Capa!.Value.Reason.Chinese, StringComparison.Ordinal);
        var caseStudy = Assert.Single(summary.CaseStudies);
        Assert.Equal(("TS-2", true, "种子考种仪", "SC-1"), (caseStudy.ComplaintNo, caseStudy.CaseStudyWritten, caseStudy.ProductName, caseStudy.Model));
    }

    [Fact]
    public async Task ANovemberSummaryListsEveryComplaintStillOpenAtItsAsOfWhateverMonthItStartedIn()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            // Open across the month end, promised by 10-28 17:00: 30 days past it at 11-27 00:00 (29 days 7 hours).
            new ComplaintBuilder().No("TS2026102601").ReceivedAt("2026-10-26 10:00").With(c => c.PromisedBy = TestClock.Utc("2026-10-28 17:00")).Build(),
            // Closed in November before the as-of: not open.
            new ComplaintBuilder().No("TS2026102701").ReceivedAt("2026-10-27 10:00").With(c => c.ClosedAt = TestClock.Utc("2026-11-05 10:00")).Build(),
            // Closed after the as-of: open at it; its promise is not due yet.
            new ComplaintBuilder().No("TS2026102901").ReceivedAt("2026-10-29 10:00").With(c =>
                (c.ClosedAt, c.PromisedBy) = (TestClock.Utc("2026-11-30 10:00"), TestClock.Utc("2026-12-02 17:00"))).Build(),
            // November's own, without a promise.
            new ComplaintBuilder().No("TS2026110301").ReceivedAt("2026-11-03 10:00").Build());

        var summary = await RunAsync(new ReportMonth(2026, 11));

        Assert.Equal([("TS2026102601", "2026-10", 32, (int?)30), ("TS2026102901", "2026-10", 29, 0), ("TS2026110301", "2026-11", 24, null)],
            summary.Open.Select(r => (r.ComplaintNo, r.ReceivedMonth.ToString(), r.AgeDays, r.DaysPastPromise)));
        Assert.Equal((1, 0, 2), (summary.Total, summary.Closed, summary.CarriedOver));
        Assert.All(summary.Open, r => Assert.Null(r.Capa));
    }

    [Fact]
    public async Task AnEmptyMonthHasZeroCountsAndNoRates()
    {
        await SeedOctoberAsync();

        var summary = await RunAsync(new ReportMonth(2026, 9));

        Assert.True(summary.IsEmpty);
        Assert.Equal([0, 0, 0], summary.ByClass.Select(c => c.Count));
        Assert.Empty(summary.ByProduct);
        Assert.Equal([new(ComplaintSource.Customer, 0), new ComplaintSourceCount(ComplaintSource.SalesRelay, 0)], summary.BySource);
        Assert.All(summary.Rules.Stages, r => Assert.Null(r.Rate));
        Assert.Equal(["TS-0"], summary.Open.Select(r => r.ComplaintNo)); // August's, still open
        Assert.Empty(summary.CaseStudies);
    }
}
