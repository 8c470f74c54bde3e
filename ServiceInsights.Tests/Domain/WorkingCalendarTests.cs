using System.Globalization;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Tests.Domain;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(HolidaySchedule.Shipped);

    private static DateTime At(string local) => DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-05 09:00", "2026-03-05 10:00", 60)] // a Thursday morning
    [InlineData("2026-03-04 08:00", "2026-03-04 18:00", 480)] // a whole working day
    [InlineData("2026-03-05 11:30", "2026-03-05 13:30", 60)] // the lunch break does not count
    [InlineData("2026-03-05 12:10", "2026-03-05 12:50", 0)] // entirely inside the lunch break
    [InlineData("2026-03-05 07:00", "2026-03-05 09:00", 30)] // before opening
    [InlineData("2026-03-05 17:00", "2026-03-06 09:00", 60)] // overnight
    [InlineData("2026-03-05 18:00", "2026-03-06 08:40", 10)] // received after hours
    [InlineData("2026-03-06 17:00", "2026-03-09 09:00", 60)] // over a weekend
    [InlineData("2026-09-30 17:00", "2026-10-08 09:00", 60)] // National Day week off
    [InlineData("2026-10-09 17:00", "2026-10-10 09:00", 60)] // into the make-up Saturday 2026-10-10
    [InlineData("2026-02-13 17:00", "2026-02-24 09:00", 540)] // Spring Festival, with the make-up Saturday 02-14 worked in full
    [InlineData("2026-09-18 17:00", "2026-09-21 09:00", 540)] // the make-up Sunday 2026-09-20
    [InlineData("2026-01-01 09:00", "2026-01-01 17:00", 0)] // New Year's Day, a Thursday
    [InlineData("2026-10-30 17:00", "2026-11-02 09:00", 60)] // across a month end over a weekend
    [InlineData("2026-03-05 10:00", "2026-03-05 09:00", 0)] // end before start
    public void CountsBusinessMinutes(string from, string to, double expected) =>
        Assert.Equal(expected, Calendar.BusinessMinutes(At(from), At(to)));

    [Theory]
    [InlineData("2026-03-05", "2026-03-05", 0)] // same day
    [InlineData("2026-03-02", "2026-03-03", 1)]
    [InlineData("2026-03-06", "2026-03-09", 1)] // Friday to Monday
    [InlineData("2026-09-30", "2026-10-08", 1)] // National Day week
    [InlineData("2026-09-30", "2026-10-10", 3)] // 10-08, 10-09 and the make-up Saturday
    [InlineData("2026-02-13", "2026-02-24", 2)] // make-up Saturday 02-14, then 02-24
    [InlineData("2026-01-01", "2026-01-05", 2)] // 01-02 off, make-up Sunday 01-04, Monday 01-05
    [InlineData("2025-09-26", "2025-09-29", 2)] // make-up Sunday 2025-09-28 and Monday
    [InlineData("2025-12-31", "2026-01-05", 2)] // across the year end: make-up Sunday 2026-01-04 and Monday
    [InlineData("2026-03-10", "2026-03-05", 0)] // reversed
    public void CountsWorkingDaysAfterTheFirstDateUpToAndIncludingTheSecond(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(Day(from), Day(to)));

    [Theory]
    [InlineData("2026-03-06", "2026-03-06", 0)] // due today: not late
    [InlineData("2026-03-06", "2026-03-05", 0)] // not due yet
    [InlineData("2026-03-06", "2026-03-07", 1)] // due Friday, as of Saturday: late, by the Monday under way next
    [InlineData("2026-03-06", "2026-03-08", 1)] // … and Sunday
    [InlineData("2026-03-06", "2026-03-09", 1)] // … and Monday itself
    [InlineData("2026-03-06", "2026-03-10", 2)]
    [InlineData("2026-09-30", "2026-10-01", 1)] // due the day before the National Day week
    [InlineData("2026-09-30", "2026-10-07", 1)]
    [InlineData("2026-09-30", "2026-10-08", 1)]
    [InlineData("2026-09-30", "2026-10-10", 3)] // the make-up Saturday counts
    [InlineData("2026-10-03", "2026-10-04", 1)] // due on a holiday, as of the next holiday
    public void CountsWorkingDaysLateFromTheFirstDayPastTheDueDate(string due, string asOf, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysLate(Day(due), Day(asOf)));

    [Theory]
    [InlineData("2026-09-30", "2026-10-08")]
    [InlineData("2026-02-13", "2026-02-14")]
    [InlineData("2026-02-14", "2026-02-24")]
    [InlineData("2026-10-09", "2026-10-10")]
    [InlineData("2026-03-06", "2026-03-09")]
    public void FindsTheNextWorkingDay(string date, string expected) =>
        Assert.Equal(Day(expected), Calendar.NextWorkingDay(Day(date)));

    [Theory]
    [InlineData("2026-03-05 10:00", "2026-03-05 17:30")]
    [InlineData("2026-03-05 17:30", "2026-03-05 17:30")] // targets are inclusive
    [InlineData("2026-03-05 18:00", "2026-03-06 17:30")] // after hours: the next working day
    [InlineData("2026-03-07 10:00", "2026-03-09 17:30")] // a Saturday
    [InlineData("2026-09-30 18:00", "2026-10-08 17:30")] // before the National Day week
    [InlineData("2026-10-10 09:00", "2026-10-10 17:30")] // a make-up Saturday is a working day
    [InlineData("2026-02-13 18:00", "2026-02-14 17:30")] // after hours on Friday: the make-up Saturday
    public void GivesTheSameDayDeadlineOfAnArrival(string arrival, string deadline) =>
        Assert.Equal(At(deadline), Calendar.SameDayDeadline(At(arrival)));

    [Theory]
    [InlineData("2026-03-05 08:30", true)] // a period includes its start
    [InlineData("2026-03-05 08:29", false)]
    [InlineData("2026-03-05 12:00", false)] // … and excludes its end
    [InlineData("2026-03-05 13:00", true)]
    [InlineData("2026-03-05 17:29", true)]
    [InlineData("2026-03-05 17:30", false)]
    [InlineData("2026-03-07 10:00", false)] // a Saturday
    [InlineData("2026-10-01 10:00", false)] // National Day, a Thursday
    [InlineData("2026-10-10 10:00", true)] // a make-up Saturday
    public void TellsWhetherAnInstantIsBusinessTime(string at, bool expected) =>
        Assert.Equal(expected, Calendar.IsBusinessTime(At(at)));

    [Theory]
    [InlineData("2026-03-05 07:00", "2026-03-05 08:30")] // before opening
    [InlineData("2026-03-05 10:15", "2026-03-05 10:15")] // inside business hours: the instant itself
    [InlineData("2026-03-05 12:00", "2026-03-05 13:00")] // the lunch break
    [InlineData("2026-03-05 17:30", "2026-03-06 08:30")] // at closing time
    [InlineData("2026-03-06 18:00", "2026-03-09 08:30")] // Friday evening
    [InlineData("2026-09-30 17:45", "2026-10-08 08:30")] // before the National Day week
    [InlineData("2026-02-13 17:30", "2026-02-14 08:30")] // into the make-up Saturday
    public void FindsTheFirstBusinessInstantAtOrAfterAnInstant(string at, string expected) =>
        Assert.Equal(At(expected), Calendar.StartOfBusiness(At(at)));

    [Theory]
    [InlineData("2026-03-05 09:00", 60, "2026-03-05 10:00")]
    [InlineData("2026-03-05 11:00", 60, "2026-03-05 12:00")] // exactly the rest of the morning: ends at 12:00, not 13:00
    [InlineData("2026-03-05 11:50", 20, "2026-03-05 13:10")] // over the lunch break
    [InlineData("2026-03-05 17:00", 60, "2026-03-06 09:00")] // overnight
    [InlineData("2026-03-05 17:30", 1, "2026-03-06 08:31")] // from closing time
    [InlineData("2026-03-05 09:00", 480, "2026-03-06 09:00")] // a working day's worth
    [InlineData("2026-03-07 10:00", 30, "2026-03-09 09:00")] // from a Saturday
    [InlineData("2026-02-13 17:20", 40, "2026-02-14 09:00")] // into the make-up Saturday
    [InlineData("2026-09-30 17:00", 60, "2026-10-08 09:00")] // over the National Day week
    [InlineData("2026-03-05 18:00", 0, "2026-03-05 18:00")] // nothing to add: the start itself
    public void AddsBusinessMinutesSkippingTimeOutsideBusinessHours(string from, double minutes, string expected)
    {
        var at = Calendar.AddBusinessMinutes(At(from), minutes);

        Assert.Equal(At(expected), at);
        Assert.Equal(minutes, Calendar.BusinessMinutes(At(from), at));
    }

    [Theory]
    [InlineData("2026-03-05", 0, "2026-03-05")]
    [InlineData("2026-03-07", 0, "2026-03-07")] // no days to add: the date itself, even a Saturday
    [InlineData("2026-03-05", 1, "2026-03-06")]
    [InlineData("2026-03-06", 1, "2026-03-09")] // Friday to Monday
    [InlineData("2026-09-30", 3, "2026-10-10")] // 10-08, 10-09 and the make-up Saturday
    [InlineData("2026-02-13", 2, "2026-02-24")] // make-up Saturday 02-14, then 02-24
    [InlineData("2025-12-31", 1, "2026-01-04")] // across the year end: the make-up Sunday
    public void AddsWorkingDaysAsWorkingDaysBetweenCountsThem(string date, int days, string expected)
    {
        var result = Calendar.AddWorkingDays(Day(date), days);

        Assert.Equal(Day(expected), result);
        Assert.Equal(days, Calendar.WorkingDaysBetween(Day(date), result));
    }

    [Theory]
    [InlineData("2026-03-05", "2026-03-05")]
    [InlineData("2026-03-07", "2026-03-09")] // a Saturday
    [InlineData("2026-10-01", "2026-10-08")] // National Day
    [InlineData("2026-10-10", "2026-10-10")] // a make-up Saturday
    public void KeepsAWorkingDayOrFindsTheNextOne(string date, string expected) =>
        Assert.Equal(Day(expected), Calendar.ThisOrNextWorkingDay(Day(date)));

    [Theory]
    [InlineData("2026-10-01", true, false)] // National Day
    [InlineData("2026-10-10", false, true)] // the make-up Saturday after it
    [InlineData("2026-03-07", false, false)] // an ordinary Saturday is neither
    [InlineData("2026-03-05", false, false)] // an ordinary Thursday
    public void ReadsHolidaysAndMakeUpDaysFromTheOfficialSchedule(string date, bool holiday, bool makeUp)
    {
        Assert.Equal(holiday, Calendar.IsHoliday(Day(date)));
        Assert.Equal(makeUp, Calendar.IsMakeUpDay(Day(date)));
    }

    [Fact]
    public void RefusesToAddANegativeAmount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddBusinessMinutes(At("2026-03-05 09:00"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Day("2026-03-05"), -1));
    }

    [Fact]
    public void ShipsTheOfficialSchedulesFrom2023To2026()
    {
        Assert.Equal([2023, 2024, 2025, 2026], Calendar.Schedule.Years.Order());
        Assert.False(Calendar.IsWorkingDay(Day("2026-10-05")));
        Assert.True(Calendar.IsWorkingDay(Day("2026-02-28")));
        Assert.Equal("国庆节", Calendar.Schedule.Find(Day("2026-10-01"))!.Name);
    }

    [Fact]
    public void NamesTheYearsWithoutASchedule()
    {
        Assert.Equal([2027], Calendar.UnknownYears(Day("2026-12-01"), Day("2027-01-31")));
        Assert.Empty(Calendar.UnknownYears(Day("2026-01-01"), Day("2026-12-31")));
        // An unknown year still follows the plain weekday rule.
        Assert.True(Calendar.IsWorkingDay(Day("2027-01-01")));
    }

    [Fact]
    public void RefusesAScheduleInAnotherFormat()
    {
        var error = Assert.Throws<FormatException>(() => HolidaySchedule.ParseYear("""{"year":2027,"days":[{"date":"2029-01-01","isOffDay":true,"name":"x"}]}"""));
        Assert.Contains("2029-01-01 does not belong to the 2027 schedule", error.Message);
        Assert.Throws<FormatException>(() => HolidaySchedule.ParseYear("""{"holidays":[]}"""));
    }

    [Theory]
    [InlineData("2099-12-30 10:00", "2100-01-01 00:00", "2100-01-05 11:15")] // the last days the calendar keeps in its table, and after
    [InlineData("1999-12-29 16:00", "2000-01-01 00:00", "2000-01-04 09:45")] // before the table and into it
    [InlineData("2026-09-30 11:00", "2026-10-08 12:30", "2026-10-10 17:00")] // inside it: National Day and a make-up Saturday
    public void CountsTheSameAcrossAnyPointInTheSpanAsDayByDay(string from, string middle, string to)
    {
        // The calendar answers dates of 2000–2099 from a table of prefix sums and other dates day by day; both must agree
        // and add up over any split of a span.
        Assert.Equal(Calendar.BusinessMinutes(At(from), At(middle)) + Calendar.BusinessMinutes(At(middle), At(to)),
            Calendar.BusinessMinutes(At(from), At(to)));
        Assert.Equal(DayByDayMinutes(At(from), At(to)), Calendar.BusinessMinutes(At(from), At(to)));
        var (first, split, last) = (DateOnly.FromDateTime(At(from)), DateOnly.FromDateTime(At(middle)), DateOnly.FromDateTime(At(to)));
        Assert.Equal(Calendar.WorkingDaysBetween(first, split) + Calendar.WorkingDaysBetween(split, last), Calendar.WorkingDaysBetween(first, last));
        Assert.Equal(DayByDayWorkingDays(first, last), Calendar.WorkingDaysBetween(first, last));
    }

    /// <summary>The definition itself, from the periods of each day.</summary>
    private static double DayByDayMinutes(DateTime from, DateTime to)
    {
        double total = 0;
        for (var date = DateOnly.FromDateTime(from); date <= DateOnly.FromDateTime(to); date = date.AddDays(1))
        {
            foreach (var period in Calendar.PeriodsOf(date))
            {
                var start = date.ToDateTime(period.Start) > from ? date.ToDateTime(period.Start) : from;
                var end = date.ToDateTime(period.End) < to ? date.ToDateTime(period.End) : to;
                total += end > start ? (end - start).TotalMinutes : 0;
            }
        }

        return total;
    }

    private static int DayByDayWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            count += Calendar.IsWorkingDay(date) ? 1 : 0;
        }

        return count;
    }
}
