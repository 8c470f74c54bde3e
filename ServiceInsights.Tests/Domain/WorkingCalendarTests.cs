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
    [InlineData("2026-03-10", "2026-03-05", 0)] // reversed
    public void CountsWorkingDaysAfterTheFirstDateUpToAndIncludingTheSecond(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(Day(from), Day(to)));

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
    public void GivesTheSameDayDeadlineOfAnArrival(string arrival, string deadline) =>
        Assert.Equal(At(deadline), Calendar.SameDayDeadline(At(arrival)));

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
}
