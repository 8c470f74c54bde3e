using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports.Repairs;

/// <summary>
/// The repair turnaround report on nine October repairs, hand-counted against the shipped 2026 calendar (1–7 Oct off,
/// Sat 10 Oct a make-up working day), as of Friday 2026-10-23 18:00.
/// </summary>
public sealed class RepairTurnaroundQueryTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private RepairTurnaroundQuery Query()
    {
        var settings = new SettingsStore(_database.Factory, TestClock.Shanghai);
        return new RepairTurnaroundQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai);
    }

    private Task<RepairTurnaroundReport> RunAsync(int year = 2026, int month = 10, string asOf = "2026-10-23 18:00") =>
        Query().RunAsync(new ReportMonth(year, month), TestClock.Local(asOf));

    private static Repair Repair(string no, string? ticket, string received, string? ordered = null, string? handedOver = null,
        string? repaired = null, string? cause = null, DateOnly? agreed = null) =>
        new RepairBuilder().No(no).Ticket(ticket).ReceivedAt(received).With(r =>
        {
            r.OrderedAt = ordered is null ? null : TestClock.Utc(ordered);
            r.HandedOverAt = handedOver is null ? null : TestClock.Utc(handedOver);
            r.RepairedAt = repaired is null ? null : TestClock.Utc(repaired);
            r.FaultCause = cause;
            r.AgreedDueDate = agreed;
        }).Build();

    private static IEnumerable<RepairUpdate> Updates(string repairNo, params int[] octoberDays) =>
        octoberDays.Select(d => new RepairUpdateBuilder(repairNo).At($"2026-10-{d:00} 09:15").Build());

    private async Task SeedOctoberAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
        [
            new TicketBuilder().No("GD-S").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏").With(t => (t.Origin, t.Vip) = (Origin.SelfMade, true)).Build(),
            new TicketBuilder().No("GD-P").Customer("乙公司").Product("光照培养箱", "M-B").Staff("李强").With(t => t.Origin = Origin.Purchased).Build(),
            new TicketBuilder().No("GD-I").Customer("丙公司").Product("进口光谱仪", "M-A").With(t => t.Origin = Origin.Imported).Build(),
            new TicketBuilder().No("GD-N").Build(), // no origin, no model
            // Self-made, 4 working days, every day confirmed.
            Repair("R-1", "GD-S", "2026-10-12 10:00", "2026-10-12 11:00", "2026-10-12 15:00", "2026-10-16 16:00", "电源故障"),
            // Self-made, 7 working days; ordered a day late; never confirmed.
            Repair("R-2", "GD-S", "2026-10-12 09:00", "2026-10-13 09:00", "2026-10-12 10:00", "2026-10-21 10:00", "电源故障"),
            // Purchased, open for 8 working days (pending); 10-20 not confirmed.
            Repair("R-3", "GD-P", "2026-10-13 09:00", "2026-10-13 10:00", "2026-10-13 10:00"),
            // Purchased, received the day after the holidays, open for 12 working days (incl. make-up Sat 10-10): 2 over.
            Repair("R-4", "GD-P", "2026-10-08 09:00", cause: "主板损坏"),
            // Imported, agreed 10-20, open: 3 working days over; handed over after hours.
            Repair("R-5", "GD-I", "2026-10-14 09:00", "2026-10-14 09:30", "2026-10-14 18:00", cause: "主板损坏", agreed: new DateOnly(2026, 10, 20)),
            // Imported without an agreed date: missed though repaired in 1 working day.
            Repair("R-6", "GD-I", "2026-10-15 09:00", "2026-10-15 10:00", "2026-10-15 10:00", "2026-10-16 10:00", "传感器"),
            // Origin unknown: not counted by CS-4b; no hand-over.
            Repair("R-7", "GD-N", "2026-10-19 09:00", "2026-10-19 09:30", repaired: "2026-10-19 15:00"),
            // A ticket that was never imported; arrived at 16:00 on the as-of day, nothing done by 18:00.
            Repair("R-8", "GD-MISSING", "2026-10-23 16:00"),
            // Repaired after the as-of time: still open in this report.
            Repair("R-9", "GD-S", "2026-10-22 09:00", "2026-10-22 09:30", "2026-10-22 09:30", "2026-10-26 10:00"),
            Repair("R-SEP", "GD-S", "2026-09-30 10:00", repaired: "2026-10-09 10:00"),
            .. Updates("R-1", 13, 14, 15, 16),
            .. Updates("R-3", 14, 15, 16, 19, 21, 22),
        ]);
    }

    [Fact]
    public async Task CountsTheMonthsRepairsRepairedAndOpenAtTheAsOfTime()
    {
        await SeedOctoberAsync();

        var report = await RunAsync();

        Assert.Equal(new ReportMonth(2026, 10), report.Month);
        Assert.Equal(TestClock.Local("2026-10-23 18:00"), report.AsOf);
        Assert.True(report.CalendarComplete);
        Assert.Empty(report.UnknownYears);
        Assert.Equal(SlaSettings.Defaults, report.Settings);
        Assert.Equal((9, 4, 5), (report.Repairs, report.Repaired, report.Open));
        Assert.Equal(["R-4", "R-2", "R-1", "R-3", "R-5", "R-6", "R-7", "R-9", "R-8"], report.Rows.Select(r => r.RepairNo)); // by received time
    }

    [Fact]
    public async Task TakesEveryRuleFigureFromTheMetricEngine()
    {
        await SeedOctoberAsync();

        var report = await RunAsync();
        var engine = await new KpiService(new MetricQuery(_database.Factory, TestClock.Shanghai), new SettingsStore(_database.Factory, TestClock.Shanghai),
            TestClock.Shanghai).RunAsync(new ReportMonth(2026, 10), TestClock.Local("2026-10-23 18:00"));

        Assert.Equal((9, 4, 0), (report.SameDay.Eligible, report.SameDay.Met, report.SameDay.Pending));
        Assert.Equal((5, 1, 2), (report.Turnaround.Eligible, report.Turnaround.Met, report.Turnaround.Pending));
        Assert.Equal(0.2, report.Turnaround.Rate);
        Assert.Equal((36, 10, 4), (report.DailyStatus.Eligible, report.DailyStatus.Met, report.DailyStatus.Pending));
        foreach (var (mine, theirs) in new[] { (report.SameDay, engine["CS-4a"]), (report.Turnaround, engine["CS-4b"]), (report.DailyStatus, engine["CS-4c"]) })
        {
            Assert.Equal((theirs.Eligible, theirs.Met, theirs.Pending, theirs.Rate), (mine.Eligible, mine.Met, mine.Pending, mine.Rate));
        }
    }

    [Fact]
    public async Task SplitsSameDayHandlingIntoOrderAndHandOver()
    {
        await SeedOctoberAsync();

        var steps = (await RunAsync()).SameDaySteps;

        // Order late: R-2; missing past the deadline. Hand-over after hours: R-5; missing.
        Assert.Equal(new RepairSameDaySteps(9, 6, 9, 5), steps);
        Assert.Equal(6 / 9.0, steps.OrderRate);
    }

    [Fact]
    public async Task GroupsWithinTargetByOriginWithTargetsAndMedians()
    {
        await SeedOctoberAsync();

        var origins = (await RunAsync()).ByOrigin;

        Assert.Equal(
        [
            new RepairOriginRow(Origin.SelfMade, 5, Repairs: 3, Eligible: 2, Met: 1, Pending: 1, Rate: 0.5, MedianDays: 5.5),
            new RepairOriginRow(Origin.Purchased, 10, 2, 1, 0, 1, 0, null),
            new RepairOriginRow(Origin.Imported, null, 2, 2, 0, 0, 0, 1),
            new RepairOriginRow(null, null, 2, 0, 0, 0, null, 0),
        ], origins);
    }

    [Fact]
    public async Task GroupsWithinTargetByModelBusiestFirst()
    {
        await SeedOctoberAsync();

        var models = (await RunAsync()).ByModel;

        Assert.Equal(
        [
            new RepairModelRow("M-A", 5, 4, 1, 1, 0.25, 4),
            new RepairModelRow("", 2, 0, 0, 0, null, 0),
            new RepairModelRow("M-B", 2, 1, 0, 1, 0, null),
        ], models);
    }

    [Fact]
    public async Task DescribesTheWorkingDaysOfRepairedItems()
    {
        await SeedOctoberAsync();

        var distribution = (await RunAsync()).Distribution;

        // Repaired by the as-of: R-7 0, R-6 1, R-1 4, R-2 7 working days.
        Assert.Equal((4, 2.5, 7, 7), (distribution.Count, distribution.Median, distribution.P90, distribution.Max));
        Assert.Equal(14, distribution.Histogram.Count);
        Assert.Equal(4, distribution.Histogram.Sum(b => b.Count));
        Assert.Equal([0, 1, 4, 7], distribution.Histogram.Where(b => b.Count == 1).Select(b => b.From));
        Assert.Equal(new RepairDaysBucket(21, null, 0), distribution.Histogram[^1]);
        Assert.Equal(new RepairDaysBucket(11, 15, 0), distribution.Histogram[11]);
    }

    [Fact]
    public async Task ListsOverdueOpenRepairsWithTheirDaysOverTarget()
    {
        await SeedOctoberAsync();

        var overdue = (await RunAsync()).Overdue;

        Assert.Equal(["R-5", "R-4"], overdue.Select(o => o.RepairNo));
        var imported = overdue[0];
        Assert.Equal((Origin.Imported, 7, (int?)null, new DateOnly(2026, 10, 20), 3), (imported.Origin!.Value, imported.WorkingDaysOpen, imported.TargetDays, imported.AgreedDueDate!.Value, imported.DaysOver!.Value));
        Assert.Equal("丙公司", imported.Customer);
        var purchased = overdue[1];
        Assert.Equal((12, 10, 2, "李强", "M-B"), (purchased.WorkingDaysOpen, purchased.TargetDays!.Value, purchased.DaysOver!.Value, purchased.Staff, purchased.Model));
        Assert.Contains("12", purchased.Reason.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-10-24 10:00", 1)] // agreed Friday 10-23, as of Saturday: late by Monday, not 0
    [InlineData("2026-10-25 10:00", 1)]
    [InlineData("2026-10-26 10:00", 1)]
    [InlineData("2026-10-27 10:00", 2)]
    public async Task CountsAnImportedRepairAgreedBeforeAWeekendAsLateFromTheFirstDayPastTheDate(string asOf, int daysOver)
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
        [
            new TicketBuilder().No("GD-I").With(t => t.Origin = Origin.Imported).Build(),
            Repair("R-I", "GD-I", "2026-10-19 09:00", agreed: new DateOnly(2026, 10, 23)),
        ]);

        var overdue = Assert.Single((await RunAsync(asOf: asOf)).Overdue);

        Assert.Equal(("R-I", daysOver), (overdue.RepairNo, overdue.DaysOver!.Value));
    }

    [Fact]
    public async Task CountsAMakeUpSaturdayAfterTheAgreedDate()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
        [
            // The ticket is received before the as-of times below: a ticket received later is not known yet (decision 023).
            new TicketBuilder().No("GD-I").ReceivedAt("2026-10-07 09:00").With(t => t.Origin = Origin.Imported).Build(),
            Repair("R-I", "GD-I", "2026-10-08 09:00", agreed: new DateOnly(2026, 10, 9)),
        ]);

        // Agreed Friday 10-09; Saturday 10-10 is a make-up working day: late by 1 on it, by 2 from Sunday (Monday next).
        Assert.Equal(1, Assert.Single((await RunAsync(asOf: "2026-10-10 12:00")).Overdue).DaysOver);
        Assert.Equal(2, Assert.Single((await RunAsync(asOf: "2026-10-11 12:00")).Overdue).DaysOver);
        Assert.Equal(2, Assert.Single((await RunAsync(asOf: "2026-10-12 12:00")).Overdue).DaysOver);
    }

    [Fact]
    public async Task ANovemberReportListsEveryRepairStillOpenWhateverMonthItWasReceivedIn()
    {
        await SeedOctoberAsync();

        var report = await RunAsync(month: 11, asOf: "2026-11-05 10:00");

        // October's open repairs carry over (R-9 was repaired on 10-26, R-SEP on 10-09); working days to Thursday 11-05.
        Assert.Equal(0, report.Repairs);
        Assert.Equal(
            [("R-5", "2026-10", 16, (int?)12, true), ("R-4", "2026-10", 21, 11, true), ("R-3", "2026-10", 17, 7, true), ("R-8", "2026-10", 9, null, false)],
            report.OpenRepairs.Select(r => (r.RepairNo, r.ReceivedMonth.ToString(), r.WorkingDaysOpen, r.DaysOver, r.Overdue)));
        Assert.Equal(["R-5", "R-4", "R-3"], report.Overdue.Select(r => r.RepairNo));
        Assert.Equal(("乙公司", "M-B", "李强"), (report.OpenRepairs[1].Customer, report.OpenRepairs[1].Model, report.OpenRepairs[1].Staff));
        Assert.Contains("21", report.OpenRepairs[1].Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenRepairWithinItsTargetIsListedWithZeroDaysOver()
    {
        await SeedOctoberAsync();

        var open = (await RunAsync()).OpenRepairs;

        // R-9 (self-made, 1 working day) is open at 10-23 18:00 and within its 5 days; R-8 has no origin.
        Assert.Equal([("R-5", true), ("R-4", true), ("R-3", false), ("R-9", false), ("R-8", false)], open.Select(r => (r.RepairNo, r.Overdue)));
        Assert.Equal(0, open.Single(r => r.RepairNo == "R-9").DaysOver);
        Assert.Null(open.Single(r => r.RepairNo == "R-8").DaysOver);
    }

    [Fact]
    public async Task ListsRepairsWithWorkingDaysWithoutAStatusUpdate()
    {
        await SeedOctoberAsync();

        var gaps = (await RunAsync()).StatusGaps;

        Assert.Equal(["R-4", "R-2", "R-5", "R-3", "R-6"], gaps.Select(g => g.RepairNo));
        var r3 = gaps.Single(g => g.RepairNo == "R-3");
        Assert.Equal((true, 7, 6), (r3.Open, r3.Days, r3.Confirmed)); // the as-of day 10-23 is pending, not counted
        Assert.Equal([new DateOnly(2026, 10, 20)], r3.MissedDays);
        var r4 = gaps[0];
        Assert.Equal(11, r4.MissedDays.Count);
        Assert.Contains(new DateOnly(2026, 10, 10), r4.MissedDays); // the make-up Saturday is a working day
        Assert.DoesNotContain(new DateOnly(2026, 10, 11), r4.MissedDays);
    }

    [Fact]
    public async Task CountsFaultCausesMostFrequentFirstWithBlankCausesTogether()
    {
        await SeedOctoberAsync();

        var causes = (await RunAsync()).FaultCauses;

        Assert.Equal([new FaultCauseRow("", 4), new FaultCauseRow("主板损坏", 2), new FaultCauseRow("电源故障", 2), new FaultCauseRow("传感器", 1)], causes);
    }

    [Fact]
    public async Task DetailRowsCarryTheLinkedTicketTimesWorkingDaysAndVerdicts()
    {
        await SeedOctoberAsync();

        var rows = (await RunAsync()).Rows.ToDictionary(r => r.RepairNo);

        var r1 = rows["R-1"];
        Assert.Equal(("GD-S", "甲公司", "虫情测报灯", "M-A", Origin.SelfMade, "张敏", true), (r1.TicketNo, r1.Customer, r1.ProductName, r1.Model, r1.Origin!.Value, r1.Staff, r1.Vip));
        Assert.Equal((TestClock.Local("2026-10-12 10:00"), TestClock.Local("2026-10-16 16:00")), (r1.ReceivedAt, r1.RepairedAt!.Value));
        Assert.Equal((4, Verdict.Met, Verdict.Met, 4, 4), (r1.WorkingDays, r1.SameDay!.Value, r1.Turnaround!.Value, r1.StatusDays, r1.StatusDaysConfirmed));
        Assert.Equal("电源故障", r1.FaultCause);

        // A repair whose ticket is missing: no customer, model or origin, CS-4b does not apply.
        var r8 = rows["R-8"];
        Assert.Equal((null, null, null, false, null, 0), (r8.Customer, r8.Model, r8.Origin, r8.Vip, r8.Turnaround, r8.WorkingDays));
        Assert.Equal(Verdict.Missed, r8.SameDay);

        // Repaired after the as-of: open here, its working days counted to the as-of date.
        var r9 = rows["R-9"];
        Assert.Null(r9.RepairedAt);
        Assert.Equal((1, Verdict.Pending, 0), (r9.WorkingDays, r9.Turnaround!.Value, r9.StatusDays));
        Assert.Equal((12, Verdict.Missed), (rows["R-4"].WorkingDays, rows["R-4"].Turnaround!.Value));
        Assert.Contains("agreed", rows["R-6"].TurnaroundReason!.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyMonthHasNoRowsNoRatesAndTheThreeOrigins()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(Repair("R-SEP", null, "2026-09-30 10:00"));

        var report = await RunAsync();

        Assert.Equal((0, 0, 0), (report.Repairs, report.Repaired, report.Open));
        Assert.Null(report.Turnaround.Rate);
        Assert.Equal(0, report.SameDay.Eligible);
        Assert.Equal([Origin.SelfMade, Origin.Purchased, Origin.Imported], report.ByOrigin.Select(o => o.Origin!.Value));
        Assert.All(report.ByOrigin, o => Assert.Equal((0, null, null), (o.Repairs, o.Rate, o.MedianDays)));
        Assert.Equal((0, (double?)null, (int?)null), (report.Distribution.Count, report.Distribution.Median, report.Distribution.P90));
        Assert.Empty(report.ByModel);
        Assert.Empty(report.Overdue);
        Assert.Empty(report.StatusGaps);
        Assert.Empty(report.FaultCauses);
        Assert.Equal(new RepairSameDaySteps(0, 0, 0, 0), report.SameDaySteps);
    }

    [Fact]
    public async Task SaysWhichYearHasNoHolidaySchedule()
    {
        await _database.MigrateAsync();

        var report = await RunAsync(2027, 3, "2027-04-01 00:00");

        Assert.False(report.CalendarComplete);
        Assert.Equal([2027], report.UnknownYears);
    }
}
