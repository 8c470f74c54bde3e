using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Worklist;

namespace ServiceInsights.Tests.Worklist;

/// <summary>The worklist's due times are the rules' own window ends; the call-by day falls on a working day.</summary>
public class CallbackDutyTests
{
    private static readonly WorkingCalendar Calendar = new(HolidaySchedule.Shipped);

    [Theory]
    [InlineData("2026-11-02 10:00", "2026-11-09 10:00", "2026-11-09")] // Monday to Monday
    [InlineData("2026-11-07 10:00", "2026-11-14 10:00", "2026-11-13")] // due on a Saturday: the Friday before
    [InlineData("2026-11-08 09:00", "2026-11-15 09:00", "2026-11-13")] // due on a Sunday: the Friday before
    [InlineData("2026-09-27 10:00", "2026-10-04 10:00", "2026-09-30")] // due in the National Day week: the last working day before it
    [InlineData("2026-10-02 10:00", "2026-10-09 10:00", "2026-10-09")] // resolved in the holiday, due on a working Friday
    public void ThePhoneCallIsDueSevenDaysAfterResolutionAndMadeOnAWorkingDay(string resolved, string due, string callBy)
    {
        var duty = CallbackDuty.Find("CS-3d")!;
        var anchor = DateTime.Parse(resolved);

        var dueAt = duty.Due(anchor, SlaSettings.Defaults);

        Assert.Equal(DateTime.Parse(due), dueAt);
        Assert.Equal(DateOnly.Parse(callBy), CallbackDuty.CallBy(anchor, dueAt, Calendar));
    }

    [Fact]
    public void AWindowOfDaysOffOnlyKeepsTheDueDate()
    {
        // Resolved on 2026-10-01 with a 2-day window (setting): 10-01…10-03 are all National Day holidays.
        var due = DateTime.Parse("2026-10-03 10:00");
        Assert.Equal(new DateOnly(2026, 10, 3), CallbackDuty.CallBy(DateTime.Parse("2026-10-01 10:00"), due, Calendar));
    }

    public static TheoryData<string> Rules() => [.. CallbackDuty.All.Select(d => d.Rule)];

    /// <summary>The duty's due time is where its rule turns from pending to missed: a list and the KPI agree on the minute.</summary>
    [Theory]
    [MemberData(nameof(Rules))]
    public void TheDueTimeIsWhereTheRuleTurnsFromPendingToMissed(string rule)
    {
        var duty = CallbackDuty.Find(rule)!;
        var anchor = DateTime.Parse("2026-11-02 10:00");
        var due = duty.Due(anchor, SlaSettings.Defaults);

        Assert.Equal(Verdict.Pending, Judge(duty, anchor, due));
        Assert.Equal(Verdict.Missed, Judge(duty, anchor, due.AddMinutes(1)));
    }

    [Fact]
    public void OnlyUnreachedCallbacksOfTheDutysChannelAfterTheAnchorAreAttempts()
    {
        var anchor = DateTime.Parse("2026-11-02 10:00");
        LinkedCallback[] callbacks =
        [
            new("HF1", DateTime.Parse("2026-11-03 10:00"), CallbackMethod.Phone, Reached: false),
            new("HF2", DateTime.Parse("2026-11-04 10:00"), CallbackMethod.Phone, Reached: false),
            new("HF3", DateTime.Parse("2026-11-01 10:00"), CallbackMethod.Phone, Reached: false), // before resolution
            new("HF4", DateTime.Parse("2026-11-06 10:00"), CallbackMethod.Phone, Reached: false), // after as-of
            new("HF5", DateTime.Parse("2026-11-03 11:00"), CallbackMethod.SmsWeekly, Reached: false), // another channel
            new("HF6", DateTime.Parse("2026-11-03 12:00"), CallbackMethod.Phone, Reached: true),
        ];

        Assert.Equal(2, CallbackDuty.Find("CS-3d")!.Attempts(callbacks, anchor, DateTime.Parse("2026-11-05 09:00")));
        Assert.Equal(1, CallbackDuty.Find("CS-7a")!.Attempts(callbacks, anchor, DateTime.Parse("2026-11-05 09:00")));
    }

    private static Verdict Judge(CallbackDuty duty, DateTime anchor, DateTime asOf)
    {
        var context = new MetricContext(SlaSettings.Defaults, Calendar, asOf);
        return duty.Definition switch
        {
            MetricDefinition<TicketFacts> d => d.Evaluate(new TicketFacts { TicketNo = "GD1", ReceivedAt = anchor.AddDays(-1), ResolvedAt = anchor, ProductName = "虫情测报灯" }, context).Verdict,
            MetricDefinition<VisitFacts> d => d.Evaluate(new VisitFacts { DispatchNo = "WP1", TicketNo = "GD1", OrderedAt = anchor.AddDays(-2), CompletedAt = anchor }, context).Verdict,
            _ => throw new InvalidOperationException(duty.Rule),
        };
    }
}
