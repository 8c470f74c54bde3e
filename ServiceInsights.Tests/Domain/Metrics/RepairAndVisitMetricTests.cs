using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using static ServiceInsights.Tests.Domain.Metrics.MetricFacts;

namespace ServiceInsights.Tests.Domain.Metrics;

public class RepairAndVisitMetricTests
{
    [Theory]
    [InlineData("2026-03-05 10:00", "2026-03-05 11:00", "2026-03-05 17:30", "2026-03-06 09:00", Verdict.Met)] // hand-over at the day's end
    [InlineData("2026-03-05 10:00", "2026-03-05 11:00", "2026-03-05 17:31", "2026-03-06 09:00", Verdict.Missed)]
    [InlineData("2026-03-05 18:00", "2026-03-06 09:00", "2026-03-06 17:30", "2026-03-09 09:00", Verdict.Met)] // after hours: next working day
    [InlineData("2026-03-07 10:00", "2026-03-09 09:00", "2026-03-09 17:00", "2026-03-10 09:00", Verdict.Met)] // a Saturday: Monday
    [InlineData("2026-10-01 10:00", "2026-10-08 09:00", "2026-10-08 17:00", "2026-10-09 09:00", Verdict.Met)] // National Day: 10-08
    [InlineData("2026-02-13 18:00", "2026-02-24 09:00", "2026-02-24 10:00", "2026-02-25 09:00", Verdict.Missed)] // the make-up Saturday 02-14 was the deadline
    [InlineData("2026-03-05 10:00", "2026-03-05 11:00", null, "2026-03-05 15:00", Verdict.Pending)]
    [InlineData("2026-03-05 10:00", "2026-03-05 11:00", null, "2026-03-05 17:31", Verdict.Missed)]
    public void WantsOrderAndHandOverOnTheArrivalsWorkingDay(string arrived, string? ordered, string? handed, string asOf, Verdict expected)
    {
        var repair = Repair(arrived) with { OrderedAt = AtOrNull(ordered), HandedOverAt = AtOrNull(handed) };
        Assert.Equal(expected, new Cs4aSameDayOrder().Evaluate(repair, AsOf(asOf)).Verdict);
    }

    [Theory]
    [InlineData(Origin.SelfMade, "2026-03-02 10:00", "2026-03-09 16:00", null, "2026-04-01 09:00", Verdict.Met)] // 5 working days
    [InlineData(Origin.SelfMade, "2026-03-02 10:00", "2026-03-10 09:00", null, "2026-04-01 09:00", Verdict.Missed)] // 6
    [InlineData(Origin.Purchased, "2026-03-02 10:00", "2026-03-16 16:00", null, "2026-04-01 09:00", Verdict.Met)] // 10
    [InlineData(Origin.Purchased, "2026-03-02 10:00", "2026-03-17 09:00", null, "2026-04-01 09:00", Verdict.Missed)] // 11
    [InlineData(Origin.SelfMade, "2026-02-13 10:00", "2026-02-25 16:00", null, "2026-04-01 09:00", Verdict.Met)] // Spring Festival: 3 working days
    [InlineData(Origin.Imported, "2026-03-02 10:00", "2026-03-20 16:00", "2026-03-20", "2026-04-01 09:00", Verdict.Met)] // agreed date kept
    [InlineData(Origin.Imported, "2026-03-02 10:00", "2026-03-21 09:00", "2026-03-20", "2026-04-01 09:00", Verdict.Missed)]
    [InlineData(Origin.Imported, "2026-03-02 10:00", "2026-03-05 09:00", null, "2026-04-01 09:00", Verdict.Missed)] // no agreed date: not met
    [InlineData(Origin.Imported, "2026-03-02 10:00", null, "2026-03-20", "2026-03-20 18:00", Verdict.Pending)]
    [InlineData(Origin.Imported, "2026-03-02 10:00", null, "2026-03-20", "2026-03-21 09:00", Verdict.Missed)]
    [InlineData(Origin.SelfMade, "2026-03-02 10:00", null, null, "2026-03-09 18:00", Verdict.Pending)] // open 5 days: not overdue
    [InlineData(Origin.SelfMade, "2026-03-02 10:00", null, null, "2026-03-10 09:00", Verdict.Missed)] // open 6 days
    [InlineData(null, "2026-03-02 10:00", "2026-03-30 09:00", null, "2026-04-01 09:00", Verdict.NotEligible)] // origin unknown
    public void JudgesRepairTurnaroundByOrigin(Origin? origin, string received, string? repaired, string? agreed, string asOf, Verdict expected)
    {
        var repair = Repair(received) with { Origin = origin, RepairedAt = AtOrNull(repaired), AgreedDueDate = agreed is null ? null : Day(agreed) };
        Assert.Equal(expected, new Cs4bRepairTurnaround().Evaluate(repair, AsOf(asOf)).Verdict);
    }

    [Fact]
    public void JudgesEachWorkingDayOfARepairForAStatusUpdate()
    {
        // Received Friday 03-06, repaired Wednesday 03-11: working days 03-09, 03-10, 03-11; updates on 03-09 and 03-11 only.
        var repair = Repair("2026-03-06 10:00") with
        {
            RepairedAt = At("2026-03-11 15:00"), StatusUpdates = [At("2026-03-07 10:00"), At("2026-03-09 10:00"), At("2026-03-11 09:00")],
        };
        var context = AsOf("2026-04-01 09:00");
        var days = RepairDayFacts.Of(repair, context).Select(d => (d.Day, new Cs4cDailyStatus().Evaluate(d, context).Verdict)).ToList();
        Assert.Equal([(Day("2026-03-09"), Verdict.Met), (Day("2026-03-10"), Verdict.Missed), (Day("2026-03-11"), Verdict.Met)], days);
    }

    [Fact]
    public void ListsTheWorkingDaysOfSeveralRepairsRepairByRepair()
    {
        // The National Day week and its make-up Saturday 10-10 lie inside the second repair.
        var first = Repair("2026-03-06 10:00") with { RepairNo = "WX-1", RepairedAt = At("2026-03-10 15:00") };
        var second = Repair("2026-09-30 10:00") with { RepairNo = "WX-2", Staff = "王芳", RepairedAt = At("2026-10-12 15:00") };
        var sameDay = Repair("2026-03-06 10:00") with { RepairNo = "WX-3", RepairedAt = At("2026-03-06 16:00") };
        var context = AsOf("2026-11-01 09:00");

        var days = RepairDayFacts.Of([first, sameDay, second], context);

        Assert.Equal(
            ["WX-1 2026-03-09", "WX-1 2026-03-10", "WX-2 2026-10-08", "WX-2 2026-10-09", "WX-2 2026-10-10", "WX-2 2026-10-12"],
            days.Select(d => d.Key));
        Assert.Equal([.. RepairDayFacts.Of(first, context), .. RepairDayFacts.Of(second, context)], days);
        Assert.Equal("王芳", days[^1].Staff);
    }

    [Fact]
    public void KeepsTheAsOfDayOfAnOpenRepairPendingUntilAnUpdateComes()
    {
        var repair = Repair("2026-03-06 10:00");
        var context = AsOf("2026-03-09 11:00");
        var day = Assert.Single(RepairDayFacts.Of(repair, context));
        Assert.Equal(Verdict.Pending, new Cs4cDailyStatus().Evaluate(day, context).Verdict);
    }

    [Theory]
    [InlineData(ServiceType.OnsiteRepair, "2026-03-06 10:00", "2026-03-10 16:00", "2026-04-01 09:00", Verdict.Met)] // Fri → Tue: 2
    [InlineData(ServiceType.OnsiteRepair, "2026-03-06 10:00", "2026-03-11 09:00", "2026-04-01 09:00", Verdict.Missed)] // 3
    [InlineData(ServiceType.OnsiteRepair, "2026-09-30 10:00", "2026-10-09 16:00", "2026-11-01 09:00", Verdict.Met)] // National Day week: 2
    [InlineData(ServiceType.OnsiteRepair, "2026-03-06 10:00", null, "2026-03-10 18:00", Verdict.Pending)]
    [InlineData(ServiceType.OnsiteRepair, "2026-03-06 10:00", null, "2026-03-11 08:00", Verdict.Missed)]
    [InlineData(ServiceType.Installation, "2026-03-06 10:00", "2026-03-20 16:00", "2026-04-01 09:00", Verdict.NotEligible)]
    public void WantsOnSiteRepairsWithinTwoWorkingDays(ServiceType type, string ordered, string? completed, string asOf, Verdict expected)
    {
        var visit = Visit(ordered) with { TicketServiceType = type, CompletedAt = AtOrNull(completed) };
        Assert.Equal(expected, new Cs5OnSiteRepair().Evaluate(visit, AsOf(asOf)).Verdict);
    }

    [Theory]
    [InlineData(DispatchSource.Sales, "2026-03-06 09:00", "2026-03-06 14:00", Verdict.Met)]
    [InlineData(DispatchSource.Sales, "2026-03-06 15:00", "2026-03-06 14:00", Verdict.Missed)] // signed after arrival
    [InlineData(DispatchSource.Sales, null, "2026-03-06 14:00", Verdict.Missed)]
    [InlineData(DispatchSource.Sales, null, null, Verdict.Pending)] // not visited yet
    [InlineData(DispatchSource.Sales, "2026-03-06 09:00", null, Verdict.Met)]
    [InlineData(DispatchSource.Internal, null, "2026-03-06 14:00", Verdict.NotEligible)]
    public void WantsTheDirectorsSignOffBeforeASalesVisit(DispatchSource source, string? signed, string? arrived, Verdict expected)
    {
        var visit = Visit() with { Source = source, DirectorSignedAt = AtOrNull(signed), ArrivedAt = AtOrNull(arrived) };
        Assert.Equal(expected, new Os1DirectorSignOff().Evaluate(visit, AsOf("2026-03-10 09:00")).Verdict);
    }

    [Theory]
    [InlineData("2026-03-06 14:00", null, Verdict.Met)]
    [InlineData(null, "2026-03-06 14:00", Verdict.Missed)]
    [InlineData(null, null, Verdict.Pending)]
    public void WantsAnAppointment(string? appointment, string? arrived, Verdict expected) =>
        Assert.Equal(expected, new Os2aAppointment().Evaluate(Visit() with { AppointmentAt = AtOrNull(appointment), ArrivedAt = AtOrNull(arrived) },
            AsOf("2026-03-10 09:00")).Verdict);

    [Theory]
    [InlineData("2026-03-06 14:15", null, Verdict.Met)] // 15 min grace
    [InlineData("2026-03-06 14:16", null, Verdict.Missed)]
    [InlineData("2026-03-06 16:00", true, Verdict.Met)] // rescheduled with advance notice
    [InlineData("2026-03-06 16:00", false, Verdict.Missed)]
    [InlineData(null, null, Verdict.NotEligible)]
    public void WantsPunctualArrival(string? arrived, bool? notice, Verdict expected) =>
        Assert.Equal(expected, new Os2bPunctuality().Evaluate(
            Visit() with { AppointmentAt = At("2026-03-06 14:00"), ArrivedAt = AtOrNull(arrived), RescheduledWithNotice = notice },
            AsOf("2026-03-10 09:00")).Verdict);

    [Theory]
    [InlineData("2026-03-06 16:00", true, 5, Verdict.Met)]
    [InlineData("2026-03-06 16:00", true, null, Verdict.Missed)]
    [InlineData("2026-03-06 16:00", false, 4, Verdict.Missed)]
    [InlineData(null, true, 5, Verdict.NotEligible)]
    public void WantsFormAndSurveyOfACompletedVisit(string? completed, bool form, int? score, Verdict expected) =>
        Assert.Equal(expected, new Os2cFormAndSurvey().Evaluate(
            Visit() with { CompletedAt = AtOrNull(completed), FormFiled = form, SurveyScore = score }, AsOf("2026-03-10 09:00")).Verdict);

    [Theory]
    [InlineData("2026-03-13 16:00", "2026-04-01 09:00", Verdict.Met)] // exactly 7×24 h
    [InlineData("2026-03-13 16:01", "2026-04-01 09:00", Verdict.Missed)]
    [InlineData(null, "2026-03-10 09:00", Verdict.Pending)]
    [InlineData(null, "2026-03-13 16:01", Verdict.Missed)]
    public void WantsAFollowUpCallWithinAWeekOfTheVisit(string? call, string asOf, Verdict expected)
    {
        var visit = Visit() with
        {
            CompletedAt = At("2026-03-06 16:00"),
            Callbacks = call is null ? [] : [new LinkedCallback("HF-1", At(call), CallbackMethod.Phone, true)],
        };
        Assert.Equal(expected, new Os2dFollowUpCall().Evaluate(visit, AsOf(asOf)).Verdict);
    }

    [Fact]
    public void NeverCountsAnUnreachedFollowUpCallAndSaysSo()
    {
        var visit = Visit() with
        {
            CompletedAt = At("2026-03-06 16:00"),
            Callbacks = [new LinkedCallback("HF-1", At("2026-03-09 10:00"), CallbackMethod.Phone, false)],
        };

        var verdict = new Os2dFollowUpCall().Evaluate(visit, AsOf("2026-04-01 09:00"));

        Assert.Equal(Verdict.Missed, verdict.Verdict);
        Assert.Equal(("完成（2026-03-06 16:00）后 7 天内无接通的电话回访（仅未接通 1 次）",
                "no answered phone callback within 7 days of completion on 2026-03-06 16:00 (only unreached ×1)"),
            (verdict.Reason.Chinese, verdict.Reason.English));
    }
}
