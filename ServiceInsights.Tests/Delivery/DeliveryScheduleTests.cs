using System.Globalization;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Tests.Delivery;

/// <summary>The Nth working day of the month after the report month, on the shipped 2026 calendar with its holidays and 调休.</summary>
public class DeliveryScheduleTests
{
    private static readonly WorkingCalendar Calendar = new(HolidaySchedule.Shipped);

    [Theory]
    [InlineData("2025-12", 1, "09:00", "2026-01-04 09:00")] // 01-01..03 off; the make-up Sunday 01-04 is the first working day
    [InlineData("2026-09", 1, "09:30", "2026-10-08 09:30")] // National Day week off
    [InlineData("2026-09", 3, "08:00", "2026-10-10 08:00")] // the make-up Saturday 10-10 counts
    [InlineData("2026-09", 4, "08:00", "2026-10-12 08:00")] // then the weekend's Sunday does not
    [InlineData("2026-04", 1, "17:45", "2026-05-06 17:45")] // Labour Day 05-01..05 off
    [InlineData("2026-02", 5, "09:00", "2026-03-06 09:00")] // an ordinary month: Monday 03-02 is the first
    [InlineData("2026-01", 16, "09:00", "2026-02-28 09:00")] // February's 16th and last working day is the make-up Saturday
    public void FindsTheNthWorkingDayAcrossHolidaysAndMakeUpDays(string reportMonth, int n, string at, string expected)
    {
        var due = DeliverySchedule.DueOf(Calendar, ReportMonth.Parse(reportMonth), n, TimeOnly.Parse(at, CultureInfo.InvariantCulture));

        Assert.Equal(DateTime.ParseExact(expected, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), due.Local);
        Assert.False(due.Clamped);
    }

    [Fact]
    public void ANBeyondTheMonthsWorkingDaysFallsOnItsLastWorkingDayAndSaysSo()
    {
        var february = DeliverySchedule.DueOf(Calendar, new ReportMonth(2026, 1), 20, new TimeOnly(9, 0));

        Assert.True(february.Clamped);
        Assert.Equal(16, february.WorkingDays);
        Assert.Equal(new DateOnly(2026, 2, 28), february.Date);

        var october = DeliverySchedule.DueOf(Calendar, new ReportMonth(2026, 9), 19, new TimeOnly(9, 0));
        Assert.True(october.Clamped);
        Assert.Equal(18, october.WorkingDays);
        Assert.Equal(new DateOnly(2026, 10, 30), october.Date);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    public void RefusesAWorkingDayOutOfRange(int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DeliverySchedule.DueOf(Calendar, new ReportMonth(2026, 9), n, new TimeOnly(9, 0)));

    [Fact]
    public void TheDatedSendOfAMonthFallsInTheMonthAfter() =>
        Assert.Equal(new ReportMonth(2026, 10), DeliverySchedule.ReportMonthSentIn(new DateTime(2026, 11, 3, 9, 0, 0)));
}
