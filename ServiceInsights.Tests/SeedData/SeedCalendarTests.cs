using System.Globalization;
using ServiceInsights.Data.SeedData;

namespace ServiceInsights.Tests.SeedData;

/// <summary>The seed generator's calendar places records on the right side of each deadline; these tables pin it to the
/// metric dictionary's definitions.</summary>
public class SeedCalendarTests
{
    private readonly SeedCalendar _calendar = SeedCalendar.Load(2025, 2026);

    private static DateTime At(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-05 09:00", "2026-03-05 10:00", 60)]
    [InlineData("2026-03-05 11:30", "2026-03-05 13:30", 60)] // lunch does not count
    [InlineData("2026-03-06 17:00", "2026-03-09 09:00", 60)] // Friday evening to Monday morning
    [InlineData("2026-03-05 18:00", "2026-03-06 08:40", 10)] // received after hours
    [InlineData("2026-02-13 17:00", "2026-02-14 09:00", 60)] // make-up Saturday before the Spring Festival
    [InlineData("2026-02-14 17:00", "2026-02-24 09:00", 60)] // across the Spring Festival holiday
    [InlineData("2026-09-30 17:00", "2026-10-08 09:00", 60)] // across National Day
    [InlineData("2026-03-05 08:30", "2026-03-05 17:30", 480)] // one working day: 210 + 270
    [InlineData("2026-03-05 09:00", "2026-03-06 09:00", 480)]
    public void CountsBusinessMinutes(string from, string to, int minutes) =>
        Assert.Equal(minutes, _calendar.BusinessMinutes(At(from), At(to)));

    [Theory]
    [InlineData("2026-03-05 09:00", 60, "2026-03-05 10:00")]
    [InlineData("2026-03-05 17:00", 60, "2026-03-06 09:00")]
    [InlineData("2026-03-07 10:00", 30, "2026-03-09 09:00")] // Saturday
    [InlineData("2026-02-13 17:20", 40, "2026-02-14 09:00")]
    [InlineData("2026-03-05 11:50", 20, "2026-03-05 13:10")]
    [InlineData("2026-03-05 17:30", 1, "2026-03-06 08:31")]
    public void AddsBusinessMinutes(string from, int minutes, string expected) =>
        Assert.Equal(At(expected), _calendar.AddBusinessMinutes(At(from), minutes));

    [Theory]
    [InlineData("2026-02-13", "2026-02-13", 0)]
    [InlineData("2026-02-13", "2026-02-14", 1)] // make-up Saturday
    [InlineData("2026-02-13", "2026-02-24", 2)]
    [InlineData("2026-02-27", "2026-03-02", 2)] // make-up Saturday 02-28
    [InlineData("2026-09-30", "2026-10-10", 3)] // National Day: 10-08, 10-09 and the make-up Saturday 10-10
    [InlineData("2025-12-31", "2026-01-05", 2)] // New Year, make-up Sunday 01-04
    public void CountsWorkingDaysAfterTheFirstDate(string from, string to, int days) =>
        Assert.Equal(days, _calendar.WorkingDaysBetween(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-05 10:00", "2026-03-05 17:30")]
    [InlineData("2026-03-05 17:45", "2026-03-06 17:30")]
    [InlineData("2026-03-07 10:00", "2026-03-09 17:30")]
    [InlineData("2026-02-13 18:00", "2026-02-14 17:30")]
    public void GivesTheSameWorkingDayDeadlineOfAnArrival(string arrival, string deadline) => // CS-4a
        Assert.Equal(At(deadline), _calendar.SameDayDeadline(At(arrival)));

    [Fact]
    public void RefusesAYearWithoutHolidayData() =>
        Assert.Throws<InvalidOperationException>(() => _calendar.IsWorkingDay(new DateOnly(2027, 1, 4)));
}
