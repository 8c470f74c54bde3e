using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Tests.Reports.Kpi;

public sealed class MetricQueryTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<KpiReport> RunAsync(string asOf = "2026-11-27 00:00") =>
        await new MetricQuery(_database.Factory, TestClock.Shanghai).RunAsync(new ReportMonth(2026, 10), TestClock.Utc(asOf),
            SlaSettings.Defaults, new WorkingCalendar(HolidaySchedule.Shipped));

    [Fact]
    public async Task TakesTheMonthsRecordsByLocalTimeAcrossTheMonthBoundary()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-SEP").ReceivedAt("2026-09-30 23:59").Build(), // 15:59 UTC on 09-30: September
            new TicketBuilder().No("GD-OCT1").ReceivedAt("2026-10-01 00:00").With(t => t.SmsConfirmedAt = TestClock.Utc("2026-10-01 00:05")).Build(), // 09-30 16:00 UTC
            new TicketBuilder().No("GD-OCT31").ReceivedAt("2026-10-31 23:59").Build(),
            new TicketBuilder().No("GD-NOV").ReceivedAt("2026-11-01 00:00").Build());

        var report = await RunAsync();

        var sms = report["CS-1a"];
        Assert.Equal(["GD-OCT1", "GD-OCT31"], sms.Verdicts.Select(v => v.Key).Order());
        Assert.Equal((2, 1), (sms.Eligible, sms.Met));
        Assert.Equal(0.5, sms.Rate);
        Assert.True(report.CalendarComplete);
    }

    [Fact]
    public async Task LinksCallbacksUpdatesAndTicketsByNumber()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-09 09:00").ResolvedAt("2026-10-09 16:20").Staff("张敏").Product("虫情测报灯", "TPCB-III")
                .With(t => (t.Origin, t.Vip) = (Origin.SelfMade, true)).Build(),
            new CallbackBuilder().Ticket("GD-1").At("2026-10-16 16:20").Method(CallbackMethod.Phone).Build(), // exactly 7×24 h
            new CallbackBuilder().Ticket("GD-1").At("2026-11-05 10:00").Method(CallbackMethod.SmsMonthly).Build(), // a callback of November counts
            new TicketBuilder().No("GD-SEPT").ReceivedAt("2026-09-28 09:00").Staff("李强").Product("光照培养箱", "GZX-250")
                .With(t => t.Origin = Origin.Purchased).Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-SEPT").ReceivedAt("2026-10-12 10:00").RepairedAt("2026-10-15 16:00").Build(),
            new RepairUpdateBuilder("WX-1").At("2026-10-13 09:00").Build(),
            new RepairUpdateBuilder("WX-1").At("2026-10-15 09:00").Build(),
            new ComplaintBuilder().No("TS-1").Customer("湖北省荆州市农业农村局").ReceivedAt("2026-07-15 10:00").Build(), // 88 days before
            new ComplaintBuilder().No("TS-2").Customer(" 湖北省荆州市农业农村局").ReceivedAt("2026-10-11 10:00").Build());

        var report = await RunAsync();

        var phone = Assert.Single(report["CS-3d"].Verdicts);
        Assert.Equal(("GD-1", "张敏", "TPCB-III", true, Verdict.Met), (phone.Key, phone.Staff, phone.Model, phone.Vip, phone.Verdict));
        Assert.Equal(Verdict.Met, Assert.Single(report["CS-7a"].Verdicts).Verdict);
        Assert.Equal(Verdict.Met, Assert.Single(report["CS-7b"].Verdicts).Verdict);

        var turnaround = Assert.Single(report["CS-4b"].Verdicts);
        Assert.Equal(("WX-1", "李强", Verdict.Met), (turnaround.Key, turnaround.Staff, turnaround.Verdict));
        Assert.Equal([Verdict.Met, Verdict.Missed, Verdict.Met], report["CS-4c"].Verdicts.Select(v => v.Verdict)); // 10-13, 10-14, 10-15

        var repeat = Assert.Single(report["CP-1"].Verdicts);
        Assert.Equal(("TS-2", Verdict.Missed), (repeat.Key, repeat.Verdict)); // class 2, manager not informed
        Assert.Contains("TS-1", repeat.Reason.English, StringComparison.Ordinal);
        Assert.Equal(["TS-2"], report["CP-2a"].Verdicts.Select(v => v.Key)); // the July complaint is not October's
    }

    [Fact]
    public async Task KeepsCallbacksAfterTheAsOfTimeOutOfTheVerdicts()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-28 09:00").ResolvedAt("2026-10-28 16:00").Build(),
            new CallbackBuilder().Ticket("GD-1").At("2026-10-30 10:00").Method(CallbackMethod.Phone).Build());

        Assert.Equal(Verdict.Pending, Assert.Single((await RunAsync("2026-10-29 12:00"))["CS-3d"].Verdicts).Verdict);
        Assert.Equal(Verdict.Met, Assert.Single((await RunAsync())["CS-3d"].Verdicts).Verdict);
    }

    [Fact]
    public async Task FindsForbiddenPhrasesInTheDatabaseAndNamesThem()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-NOTES").With(t => (t.Solution, t.Notes) = ("更换电源模块", "客户问价格，答：不清楚")).Build(),
            new TicketBuilder().No("GD-BOTH").With(t => (t.Solution, t.Notes) = ("这个不归我管", "我不知道")).Build(),
            new TicketBuilder().No("GD-PROBLEM").Problem("客户说：我不知道怎么用").With(t => t.Solution = "已培训").Build(), // the problem is not checked
            new TicketBuilder().No("GD-CLEAN").With(t => (t.Solution, t.Notes) = ("更换灯管", null)).Build());

        var verdicts = (await RunAsync())["CS-1b"].Verdicts.ToDictionary(v => v.Key);

        Assert.Equal((Verdict.Missed, "notes contains the forbidden phrase \"不清楚\""), (verdicts["GD-NOTES"].Verdict, verdicts["GD-NOTES"].Reason.English));
        Assert.Equal("备注含禁忌语“我不知道”；解决方案含禁忌语“这个不归我管”", verdicts["GD-BOTH"].Reason.Chinese);
        Assert.Equal(Verdict.Met, verdicts["GD-PROBLEM"].Verdict);
        Assert.Equal(Verdict.Met, verdicts["GD-CLEAN"].Verdict);
    }

    [Fact]
    public async Task ChecksTheRequiredFieldsForBlanksInTheDatabase()
    {
        await _database.MigrateAsync();
        static TicketBuilder Complete(string no) => new TicketBuilder().No(no).Customer("某农业局").Product("虫情测报灯", "TPCB-III").Problem("不亮")
            .With(t => (t.Address, t.Contact, t.Phone, t.SerialNo, t.PurchaseDate, t.Solution) = ("某路 1 号", "王工", "13800000000", "S1", new DateOnly(2025, 5, 1), "换灯管"));
        await _database.AddAsync(
            Complete("GD-FULL").Build(),
            Complete("GD-GAPS").With(t => (t.Address, t.PurchaseDate, t.Solution) = ("  ", null, "")).Build(),
            Complete("GD-NOPROBLEM").With(t => t.Problem = null).Build());

        var verdicts = (await RunAsync())["CS-2"].Verdicts.ToDictionary(v => v.Key);

        Assert.Equal(Verdict.Met, verdicts["GD-FULL"].Verdict);
        Assert.Equal((Verdict.Missed, "missing: address, purchase date, solution"), (verdicts["GD-GAPS"].Verdict, verdicts["GD-GAPS"].Reason.English));
        Assert.Equal("缺少：问题描述", verdicts["GD-NOPROBLEM"].Reason.Chinese);
    }

    [Fact]
    public async Task ThePlainReaderReadsTheSameRowsAsEntityFramework()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-09 09:00").ResolvedAt("2026-10-09 16:20").Staff("张敏").Product("虫情测报灯", "TPCB-III")
                .With(t => (t.Origin, t.ServiceType, t.Vip, t.SmsConfirmedAt, t.FirstResponseAt, t.PromisedBy, t.SatisfactoryReplyAt, t.Address) =
                    (Origin.Imported, ServiceType.OnsiteRepair, true, TestClock.Utc("2026-10-09 09:01"), TestClock.Utc("2026-10-09 09:30"),
                        TestClock.Utc("2026-10-10 12:00"), TestClock.Utc("2026-10-09 15:00").AddTicks(1234567), "某路 1 号")).Build(),
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-31 23:59").With(t => t.Vip = false).Build(), // nearly every column empty
            new CallbackBuilder().No("HF-1").Ticket("GD-1").At("2026-10-16 16:20").Method(CallbackMethod.Phone).Staff("李强").Satisfaction(5)
                .With(c => (c.Solved, c.RunningNormally, c.Model) = (true, false, "TPCB-III")).Build(),
            new CallbackBuilder().No("HF-2").Ticket("GD-2").At("2026-11-05 10:00").With(c => c.Reached = false).Build(),
            new CallbackBuilder().No("HF-3").Ticket(null).At("2026-10-20 10:00").Method(CallbackMethod.SmsWeekly).Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").ReceivedAt("2026-10-12 10:00").RepairedAt("2026-10-20 15:30")
                .With(r => (r.OrderedAt, r.HandedOverAt, r.AgreedDueDate) = (TestClock.Utc("2026-10-12 11:00"), TestClock.Utc("2026-10-13 08:45"), new DateOnly(2026, 10, 23)))
                .Build(),
            new RepairUpdateBuilder("WX-1").At("2026-10-13 09:00").Build(),
            new RepairUpdateBuilder("WX-1").At("2026-10-14 17:45").Build(),
            // A ticket of September linked from an October repair.
            new TicketBuilder().No("GD-0").ReceivedAt("2026-09-20 10:00").Staff("王芳").Product("孢子捕捉仪", "BZ-1")
                .With(t => (t.Origin, t.ServiceType, t.Vip) = (Origin.SelfMade, ServiceType.ReturnRepair, true)).Build(),
            new RepairBuilder().No("WX-0").Ticket("GD-0").ReceivedAt("2026-10-03 10:00").Build(),
            new SiteVisitBuilder().No("PG-1").Ticket("GD-1").OrderedAt("2026-10-09 10:00").Engineer("赵磊").Source(DispatchSource.Sales)
                .With(v => (v.DirectorSignedAt, v.AppointmentAt, v.RescheduledWithNotice, v.ArrivedAt, v.CompletedAt, v.FormFiled, v.SurveyScore) =
                    (TestClock.Utc("2026-10-09 10:30"), TestClock.Utc("2026-10-10 09:00"), false, TestClock.Utc("2026-10-10 09:10"),
                        TestClock.Utc("2026-10-10 11:00"), true, 4)).Build(),
            new SiteVisitBuilder().No("PG-2").Ticket(null).OrderedAt("2026-10-31 23:00").Build(),
            new ComplaintBuilder().No("TS-1").Ticket("GD-1").ReceivedAt("2026-10-21 11:00").Customer("某植保站").Staff("张敏").RootCause("灯管老化")
                .With(c => (c.Source, c.SalesFeedbackAt, c.ThreatensExternal, c.Media, c.PromisedBy, c.Measures, c.ManagerInformedAt, c.LeaderInformedAt,
                    c.ResultNotifiedAt, c.Satisfaction, c.CorrectiveAction, c.Responsible, c.ClosedAt, c.CaseStudyWritten, c.Model, c.Description) =
                    (ComplaintSource.SalesRelay, TestClock.Utc("2026-10-21 12:00"), true, false, TestClock.Utc("2026-10-23 17:00"), "更换灯管",
                        TestClock.Utc("2026-10-21 11:30"), TestClock.Utc("2026-10-21 13:00"), TestClock.Utc("2026-10-24 09:00"), 4, "来料检验",
                        "王芳", TestClock.Utc("2026-10-28 16:00"), true, "TPCB-III", "灯不亮")).Build(),
            // A complaint of the 90 days before the month (CP-1's repeats), nearly every column empty.
            new ComplaintBuilder().No("TS-0").ReceivedAt("2026-08-15 09:00").Build(),
            new QuoteBuilder().Ticket("GD-1").With(q => (q.QuoteNo, q.FirstQuoted, q.NoInvoiceRequested) = ("BJ-1", QuoteBasis.TaxExclusive, true)).Build(),
            new QuoteBuilder().Ticket(null).With(q => q.QuoteNo = "BJ-2").Build());
        await using var db = _database.Open();
        // Timestamps another tool wrote in other text forms: with a 'T' (the digit-by-digit path) and without seconds (the slow one).
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE Tickets SET SmsConfirmedAt = '2026-10-31T15:59:30', FirstResponseAt = '2026-10-31 16:30' WHERE TicketNo = 'GD-2'");
        var window = AsOfWindow.Of(new ReportMonth(2026, 10), TestClock.Utc("2026-11-27 00:00"), TestClock.Shanghai);
        var queries = new MetricQuery.KpiQueries(db, window, window.From.AddDays(-90), SlaSettings.Defaults.ForbiddenPhrases);

        async Task SameRows<T>(IQueryable<T> query, int count)
        {
            var expected = await query.ToListAsync();
            var actual = await RowReader.ReadAsync(db, query, utc => utc, CancellationToken.None);
            var throughDataReader = await RowReader.ReadThroughDataReaderAsync(db, query, utc => utc, CancellationToken.None);
            Assert.Equal(count, expected.Count);
            Assert.Equal(expected, actual);
            Assert.Equal(expected, throughDataReader);
            Assert.All(actual.Concat(throughDataReader),
                row => Assert.DoesNotContain(row!.GetType().GetProperties(), p => p.GetValue(row) is DateTime { Kind: not DateTimeKind.Utc }));
        }

        await SameRows(queries.Tickets, 2);
        var other = (await RowReader.ReadAsync(db, queries.Tickets, utc => utc, CancellationToken.None)).Single(t => t.TicketNo == "GD-2");
        Assert.Equal((new DateTime(2026, 10, 31, 15, 59, 30), new DateTime(2026, 10, 31, 16, 30, 0)), (other.SmsConfirmedAt, other.FirstResponseAt));
        await SameRows(queries.Callbacks, 2);
        await SameRows(queries.LinkedCallbacks(["GD-1", "GD-2", "GD-1"]), 2);
        await SameRows(queries.RepairUpdates, 2);
        await SameRows(queries.Repairs, 2);
        await SameRows(queries.Visits, 2);
        await SameRows(queries.Complaints, 2);
        await SameRows(queries.Quotes, 2);
        await SameRows(queries.LinkedTickets(["GD-0", "GD-404"]), 1);
    }
}
