using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports.Callbacks;

/// <summary>The monthly callback report (CS-7d) from records built by hand, every figure counted by hand. October 2026 starts on
/// a Thursday: weeks 10-01…04, 05…11, 12…18, 19…25, 26…31.</summary>
public sealed class CallbackReportQueryTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Task<CallbackReport> RunAsync(ReportMonth month) =>
        new CallbackReportQuery(_database.Factory,
                _database.KpiCache(),
                new SettingsStore(_database.Factory, TestClock.Shanghai), TestClock.Shanghai, _database.FollowUps(), new DataVersion(_database.Factory))
            .RunAsync(month, TestClock.Local("2026-11-27 00:00"));

    private async Task SeedOctoberAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            // Key product (虫情), phone callback 3 days after resolution: CS-3d and CS-7b met.
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-09 09:00").ResolvedAt("2026-10-09 16:20").Product("虫情测报灯", "TPCB-III").Build(),
            new CallbackBuilder().No("HF-1").Ticket("GD-1").At("2026-10-12 10:00").Method(CallbackMethod.Phone).Customer("荆州市农业局")
                .Product("虫情测报灯", "TPCB-III").Staff("张敏").Satisfaction(5).With(c => (c.Solved, c.RunningNormally) = (true, true)).Build(),
            // Key product (培养箱) with an SMS callback only: CS-7a met, CS-3d and CS-7b missed; unsatisfied and unsolved.
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-10 09:00").ResolvedAt("2026-10-10 11:00").Product("光照培养箱", "GZX-250").Build(),
            new CallbackBuilder().No("HF-2").Ticket("GD-2").At("2026-10-20 15:00").Method(CallbackMethod.SmsMonthly).Customer("武汉种子站")
                .Satisfaction(2).With(c => (c.Solved, c.RunningNormally, c.OtherNeeds) = (false, true, "  希望提供操作培训 ")).Build(),
            // Key product (墒情) resolved late in the month: CS-7b pending at 11-27 (window to 11-28), CS-3d missed.
            new TicketBuilder().No("GD-3").ReceivedAt("2026-10-28 09:00").ResolvedAt("2026-10-28 10:00").Product("土壤墒情站").Build(),
            // Not a key product, no callback: CS-3d missed only.
            new TicketBuilder().No("GD-4").ReceivedAt("2026-10-05 09:00").ResolvedAt("2026-10-05 10:00").Product("气象站").Build(),
            // Unreached: counted by method and week, not in the answers nor on the action list despite its score.
            new CallbackBuilder().No("HF-3").At("2026-10-01 09:00").Method(CallbackMethod.SmsWeekly).Satisfaction(1).With(c => c.Reached = false).Build(),
            // Reached, nothing answered, blank needs, no ticket/customer/product.
            new CallbackBuilder().No("HF-4").At("2026-10-31 23:30").Method(CallbackMethod.SmsWeekly).With(c => c.OtherNeeds = "   ").Build(),
            // No method recorded; unsatisfied but solved; not running normally.
            new CallbackBuilder().No("HF-5").At("2026-10-06 10:00").Customer("宜昌植保站").Satisfaction(1)
                .With(c => (c.Solved, c.RunningNormally, c.OtherNeeds) = (true, false, "需要更换探头")).Build(),
            // Outside October in Shanghai time.
            new CallbackBuilder().No("HF-SEP").At("2026-09-30 23:00").Method(CallbackMethod.Phone).Build(),
            new CallbackBuilder().No("HF-NOV").At("2026-11-01 00:00").Method(CallbackMethod.Phone).Build());
    }

    [Fact]
    public async Task TheDetailCarriesEveryColumnOfTheMonthsCallbacksAsStored()
    {
        await SeedOctoberAsync();

        var report = await RunAsync(new ReportMonth(2026, 10));

        await using var db = _database.Open();
        var (from, to) = TestClock.Shanghai.UtcRange(new ReportMonth(2026, 10));
        var stored = db.Callbacks.Where(c => c.At >= from && c.At < to).AsEnumerable()
            .OrderBy(c => c.At).ThenBy(c => c.CallbackNo, StringComparer.Ordinal)
            .Select(c => new CallbackRow
            {
                CallbackNo = c.CallbackNo, At = TestClock.Shanghai.ToLocal(c.At), Method = c.Method, TicketNo = c.TicketNo, Customer = c.Customer,
                ProductName = c.ProductName, Model = c.Model, Reached = c.Reached, Solved = c.Solved, RunningNormally = c.RunningNormally,
                Satisfaction = c.Satisfaction, OtherNeeds = c.OtherNeeds, Notes = c.Notes, Staff = c.Staff,
            });
        Assert.Equal(stored, report.Detail);
        Assert.Contains(report.Detail, r => r.Staff == "张敏" && r.Satisfaction == 5 && r.Method == CallbackMethod.Phone);
    }

    [Fact]
    public async Task CountsTheMonthsCallbacksByMethodAndReach()
    {
        await SeedOctoberAsync();

        var report = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(new CallbackReach(5, 4), report.Reach);
        Assert.Equal(0.8, report.Reach.Rate);
        Assert.Equal(
            [new(CallbackMethod.SmsWeekly, 2, 1), new(CallbackMethod.SmsMonthly, 1, 1), new(CallbackMethod.Phone, 1, 1), new CallbackMethodCount(null, 1, 1)],
            report.ByMethod);
        Assert.Equal(["HF-3", "HF-5", "HF-1", "HF-2", "HF-4"], report.Detail.Select(r => r.CallbackNo));
        Assert.Equal(TestClock.Local("2026-10-31 23:30"), report.Detail[^1].At);
        Assert.Null(report.Detail[^1].Product);
        Assert.Equal("虫情测报灯 TPCB-III", report.Detail[2].Product);
        Assert.Equal((new ReportMonth(2026, 10), TestClock.Local("2026-11-27 00:00"), true), (report.Month, report.AsOf, report.CalendarComplete));
        Assert.Equal(SlaSettings.Defaults.CallbackWindowDays, report.Settings.CallbackWindowDays);
    }

    [Fact]
    public async Task SplitsTheMonthIntoMondayToSundayWeeksClippedToTheMonth()
    {
        await SeedOctoberAsync();

        var weeks = (await RunAsync(new ReportMonth(2026, 10))).ByWeek;

        Assert.Equal(
        [
            new(1, new(2026, 10, 1), new(2026, 10, 4), SmsWeekly: 1, SmsMonthly: 0, Phone: 0, Unstated: 0),
            new(2, new(2026, 10, 5), new(2026, 10, 11), 0, 0, 0, 1),
            new(3, new(2026, 10, 12), new(2026, 10, 18), 0, 0, 1, 0),
            new(4, new(2026, 10, 19), new(2026, 10, 25), 0, 1, 0, 0),
            new CallbackWeekCount(5, new(2026, 10, 26), new(2026, 10, 31), 1, 0, 0, 0),
        ], weeks);
    }

    [Fact]
    public async Task CountsTheFourAnswersOverTheCallbacksThatReachedTheCustomer()
    {
        await SeedOctoberAsync();

        var answers = (await RunAsync(new ReportMonth(2026, 10))).Answers;

        Assert.Equal(4, answers.Reached);
        Assert.Equal(new YesNoCount(2, 1, 1), answers.Solved);
        Assert.Equal(new YesNoCount(2, 1, 1), answers.RunningNormally);
        Assert.Equal([1, 1, 0, 0, 1], answers.Satisfaction);
        Assert.Equal(1, answers.SatisfactionUnanswered);
        Assert.Equal(8.0 / 3, answers.AverageSatisfaction!.Value, 6);
        Assert.Equal(2, answers.WithOtherNeeds);
    }

    [Fact]
    public async Task ListsOtherNeedsVerbatimAndUnsatisfiedOrUnsolvedCustomers()
    {
        await SeedOctoberAsync();

        var report = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(
            [("HF-5", "宜昌植保站", "需要更换探头"), ("HF-2", "武汉种子站", "希望提供操作培训")],
            report.OtherNeeds.Select(n => (n.CallbackNo, n.Customer, n.Needs)));
        Assert.Equal(["HF-5", "HF-2"], report.ActionList.Select(a => a.CallbackNo));
        Assert.Equal((true, false), (report.ActionList[0].Unsatisfied, report.ActionList[0].Unsolved));
        Assert.Equal((true, true), (report.ActionList[1].Unsatisfied, report.ActionList[1].Unsolved));
        Assert.Equal("GD-2", report.ActionList[1].TicketNo);
    }

    [Fact]
    public async Task TakesRuleFiguresFromTheEngineAndGroupsKeyProductCoverageByKeyword()
    {
        await SeedOctoberAsync();

        var report = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(
            [new("虫情", 1, 1, 0), new("墒情", 0, 0, 1), new KeyProductCoverageRow("培养箱", 1, 0, 0)],
            report.KeyProductCoverage);
        Assert.Equal((4, 1, 0), (report.Rules.PhoneFollowUp.Eligible, report.Rules.PhoneFollowUp.Met, report.Rules.PhoneFollowUp.Pending));
        Assert.Equal(["GD-2", "GD-3", "GD-4"], report.Rules.PhoneFollowUp.Verdicts.Where(v => v.Verdict == Verdict.Missed).Select(v => v.Key).Order());
        Assert.Equal((2, 1, 1), (report.Rules.KeyProductPhone.Eligible, report.Rules.KeyProductPhone.Met, report.Rules.KeyProductPhone.Pending));
        Assert.Equal("CS-7a", report.Rules.SmsCallback.Id);
        Assert.Equal(1, report.Rules.SmsCallback.Met); // GD-2's monthly SMS
        Assert.Equal((0, 0), (report.Rules.VisitFollowUp.Eligible, report.Rules.VisitFollowUp.Pending));
        // CS-7c: of the 4 reached callbacks only HF-1, HF-2 and HF-5 answered all three questions.
        Assert.Equal((4, 3), (report.Rules.CompleteCallback.Eligible, report.Rules.CompleteCallback.Met));
    }

    [Fact]
    public async Task AnEmptyMonthHasZeroCountsFiveWeeksAndNoRates()
    {
        await SeedOctoberAsync();

        var report = await RunAsync(new ReportMonth(2026, 12));

        Assert.True(report.IsEmpty);
        Assert.Equal(new CallbackReach(0, 0), report.Reach);
        Assert.Null(report.Reach.Rate);
        Assert.All(report.ByMethod, m => Assert.Equal(0, m.Total));
        Assert.Equal(3, report.ByMethod.Count); // no "not recorded" row when there is none
        Assert.Equal([(1, 6), (7, 13), (14, 20), (21, 27), (28, 31)], report.ByWeek.Select(w => (w.From.Day, w.To.Day)));
        Assert.Equal([0, 0, 0, 0, 0], report.Answers.Satisfaction);
        Assert.Null(report.Answers.AverageSatisfaction);
        Assert.Null(report.Answers.Solved.YesRate);
        Assert.Empty(report.OtherNeeds);
        Assert.Empty(report.ActionList);
        Assert.Empty(report.KeyProductCoverage);
        Assert.Null(report.Rules.PhoneFollowUp.Rate);
    }

    [Fact]
    public async Task ListsEveryCustomerNotYetReachedOrSatisfiedWhateverMonthItStartedIn()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            // September: not reached twice, then unsatisfied in October — three attempts, still open.
            new CallbackBuilder().No("HF-A1").Ticket("GD-A").At("2026-09-20 10:00").Customer("甲").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-A2").Ticket("GD-A").At("2026-09-28 10:00").Customer("甲").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-A3").Ticket("GD-A").At("2026-10-05 10:00").Customer("甲").Staff("张敏").Satisfaction(2).Build(),
            // Not reached in September, reached and satisfied in October: settled.
            new CallbackBuilder().No("HF-B1").Ticket("GD-B").At("2026-09-21 10:00").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-B2").Ticket("GD-B").At("2026-10-02 10:00").Satisfaction(5).Build(),
            // Satisfied first, then the problem came back unsolved: open since the unsolved one.
            new CallbackBuilder().No("HF-C1").Ticket("GD-C").At("2026-10-03 10:00").Satisfaction(4).Build(),
            new CallbackBuilder().No("HF-C2").Ticket("GD-C").At("2026-10-15 10:00").Satisfaction(3).With(c => c.Solved = false).Build(),
            // Not reached in October, reached and satisfied on 11-20 (before the as-of): settled.
            new CallbackBuilder().No("HF-D1").Ticket("GD-D").At("2026-10-20 10:00").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-D2").Ticket("GD-D").At("2026-11-20 10:00").Satisfaction(5).Build(),
            // Not reached, no ticket, in October: open on its own.
            new CallbackBuilder().No("HF-E1").At("2026-10-22 10:00").With(c => c.Reached = false).Build(),
            // Not reached after the as-of: not known yet; and a November failure is not October's.
            new CallbackBuilder().No("HF-F1").Ticket("GD-F").At("2026-11-10 10:00").With(c => c.Reached = false).Build());

        var report = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(
            [("GD-A", "2026-09", 3, "HF-A3"), ("GD-C", "2026-10", 1, "HF-C2"), (null, "2026-10", 1, "HF-E1")],
            report.Open.Select(r => (r.TicketNo, r.StartedMonth.ToString(), r.Attempts, r.LastCallbackNo)));
        var a = report.Open[0];
        Assert.Equal((true, 2, "张敏", TestClock.Local("2026-09-20 10:00")), (a.LastReached, a.LastSatisfaction!.Value, a.Staff, a.FirstAt));
        Assert.Equal(["GD-A", "GD-C", null, "GD-F"], (await RunAsync(new ReportMonth(2026, 11))).Open.Select(r => r.TicketNo));
    }

    [Fact]
    public async Task AnOpenItemTakesTheFirstAttemptsCustomerWhenTheLastNamesNoneAndStandsAloneWithoutATicket()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            // Not reached (customer named), then unsolved with no customer recorded: the item names the first's customer.
            new CallbackBuilder().No("HF-G1").Ticket("GD-G").At("2026-10-03 10:00").Customer("襄阳植保站").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-G2").Ticket("GD-G").At("2026-10-09 10:00").Product("孢子捕捉仪", "BZ-1").Staff("王芳")
                .Satisfaction(4).With(c => c.Solved = false).Build(),
            // Two callbacks without a ticket, one right after the other: each its own item, and the satisfied one settles nobody else.
            new CallbackBuilder().No("HF-H1").At("2026-10-04 10:00").Customer("乙").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-H2").At("2026-10-04 11:00").Customer("丙").Satisfaction(5).Build(),
            new CallbackBuilder().No("HF-H3").At("2026-10-04 12:00").Customer("丁").Satisfaction(1).Build(),
            // Settled after the as-of (11-27): still open at the as-of.
            new CallbackBuilder().No("HF-J1").Ticket("GD-J").At("2026-10-12 10:00").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-J2").Ticket("GD-J").At("2026-11-28 10:00").Satisfaction(5).Build());

        var report = await RunAsync(new ReportMonth(2026, 10));

        Assert.Equal(
            [("GD-G", "HF-G2", "襄阳植保站", 2), (null, "HF-H1", "乙", 1), (null, "HF-H3", "丁", 1), ("GD-J", "HF-J1", null, 1)],
            report.Open.Select(r => (r.TicketNo, r.LastCallbackNo, r.Customer, r.Attempts)));
        var g = report.Open[0];
        Assert.Equal(("孢子捕捉仪 BZ-1", "王芳", true, (bool?)false, TestClock.Local("2026-10-03 10:00"), TestClock.Local("2026-10-09 10:00")),
            (g.Product, g.Staff, g.LastReached, g.LastSolved, g.FirstAt, g.LastAt));
    }

    [Fact]
    public async Task TheReportsReadsGiveTheSameRowsNativelyAndThroughTheDataReader()
    {
        await SeedOctoberAsync();
        await using var db = _database.Open();
        var (from, to) = TestClock.Shanghai.UtcRange(new ReportMonth(2026, 10));
        var ids = await db.Callbacks.Select(c => c.Id).ToArrayAsync();

        async Task Same<T>(IQueryable<T> query, int count)
        {
            var expected = await query.ToListAsync();
            var native = await RowReader.ReadAsync(db, query, utc => utc, CancellationToken.None);
            var neutral = await RowReader.ReadThroughDataReaderAsync(db, query, utc => utc, CancellationToken.None);
            Assert.Equal(count, expected.Count);
            Assert.Equal(expected, native);
            Assert.Equal(expected, neutral);
        }

        await Same(CallbackReportQuery.Queries.Month(db, from, to), 5);
        await Same(CallbackReportQuery.Queries.Attempts(db, TestClock.Utc("2026-11-27 00:00")), 7);
        await Same(CallbackReportQuery.Queries.Shown(db, ids), 7);
    }

    [Fact]
    public void TheReportsReadsTranslateToSqlServerWithTheKeysAsOneJsonArray()
    {
        using var db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);

        var attempts = CallbackReportQuery.Queries.Attempts(db, TestClock.Utc("2026-11-27 00:00")).ToQueryString();
        var shown = CallbackReportQuery.Queries.Shown(db, [.. Enumerable.Range(1, 3000).Select(i => (long)i)]).ToQueryString();

        Assert.Contains("ORDER BY [c].[TicketNo], [c].[At], [c].[CallbackNo]", attempts);
        Assert.Contains("OPENJSON(@keys)", shown);
        Assert.Single(shown.Split('\n'), line => line.StartsWith("DECLARE", StringComparison.Ordinal));
        Assert.Contains("WHERE [c].[At] >= @fromUtc AND [c].[At] < @toUtc", CallbackReportQuery.Queries.Month(db, DateTime.UtcNow, DateTime.UtcNow).ToQueryString());
    }

    [Fact]
    public async Task TheReportIsBuiltOnceForThePageAndItsDownloadsAndAgainWhenAFollowUpItemOrTheDataMoves()
    {
        await SeedOctoberAsync();
        var dataVersion = new DataVersion(_database.Factory);
        var followUps = _database.FollowUps();
        await followUps.SyncAsync(); // as the app derives the items after an import (decision 034)
        var query = new CallbackReportQuery(_database.Factory, _database.KpiCache(), new SettingsStore(_database.Factory, TestClock.Shanghai),
            TestClock.Shanghai, followUps, dataVersion);
        var asOf = TestClock.Local("2026-11-27 00:00");

        var page = await query.RunAsync(new ReportMonth(2026, 10), asOf);
        Assert.Same(page, await query.RunAsync(new ReportMonth(2026, 10), asOf));
        Assert.NotSame(page, await query.RunAsync(new ReportMonth(2026, 10), asOf.AddMinutes(5)));

        // A Manager writes the action of an item: the next read shows it.
        var item = page.FollowUps.First(i => i.RecordKey == "HF-2");
        await followUps.EditAsync(new FollowUpActor("m1", "李经理", [AppRoles.Manager]), item.Id, item.Version, new FollowUpEdit("上门培训并回访", null, null));
        var edited = await query.RunAsync(new ReportMonth(2026, 10), asOf);
        Assert.Equal("上门培训并回访", edited.FollowUps.Single(i => i.Id == item.Id).Action);
        Assert.Same(edited, await query.RunAsync(new ReportMonth(2026, 10), asOf));

        // An import (the data version moves): the new callback is in the next read.
        await _database.AddAsync(new CallbackBuilder().No("HF-NEW").At("2026-10-30 10:00").Method(CallbackMethod.Phone).Build());
        dataVersion.Bump();
        Assert.Contains((await query.RunAsync(new ReportMonth(2026, 10), asOf)).Detail, c => c.CallbackNo == "HF-NEW");
    }
}
