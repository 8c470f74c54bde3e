using ServiceInsights.Data.Domain;

namespace ServiceInsights.Data.Delivery;

/// <summary>
/// When a dated send is due: on the Nth working day of the month after the report month, at a local time, on the
/// department's working calendar (holidays off, 调休 make-up days working). A month with fewer than N working days sends
/// on its last working day, and <see cref="Clamped"/> says so.
/// </summary>
public sealed record DeliveryDue(ReportMonth ReportMonth, DateOnly Date, DateTime Local, int WorkingDays, bool Clamped);

public static class DeliverySchedule
{
    /// <summary>The most a subscription may ask for; a month never has more working days than this.</summary>
    public const int MaxWorkingDay = 23;

    /// <summary>The dated send of <paramref name="reportMonth"/>'s reports: the Nth working day of the month after it.</summary>
    public static DeliveryDue DueOf(WorkingCalendar calendar, ReportMonth reportMonth, int workingDay, TimeOnly at)
    {
        if (workingDay is < 1 or > MaxWorkingDay)
        {
            throw new ArgumentOutOfRangeException(nameof(workingDay), workingDay, $"The working day is 1 to {MaxWorkingDay}.");
        }

        var sendMonth = reportMonth.Next;
        var days = WorkingDaysOf(calendar, sendMonth);
        if (days.Count == 0)
        {
            throw new InvalidOperationException($"{sendMonth} has no working day in the calendar; no dated send can be due in it.");
        }

        var clamped = workingDay > days.Count;
        var date = days[Math.Min(workingDay, days.Count) - 1];
        return new DeliveryDue(reportMonth, date, date.ToDateTime(at), days.Count, clamped);
    }

    /// <summary>The report month whose dated send falls in the month of <paramref name="localNow"/>: the month before.</summary>
    public static ReportMonth ReportMonthSentIn(DateTime localNow) => ReportMonth.From(localNow).Previous;

    public static IReadOnlyList<DateOnly> WorkingDaysOf(WorkingCalendar calendar, ReportMonth month)
    {
        var days = new List<DateOnly>();
        for (var date = month.FirstDay; date <= month.LastDay; date = date.AddDays(1))
        {
            if (calendar.IsWorkingDay(date))
            {
                days.Add(date);
            }
        }

        return days;
    }
}
