using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace ServiceInsights.Data.SeedData;

/// <summary>
/// The default working calendar (Mon–Fri 08:30–12:00 and 13:00–17:30 plus the official holidays and make-up working days
/// of the embedded <c>Calendar/cn-YYYY.json</c>), just enough for the seed generator to place records on the right side of
/// each SLA deadline. Works on local department times; it is not the app's configurable calendar.
/// </summary>
internal sealed class SeedCalendar
{
    private static readonly TimeSpan MorningStart = new(8, 30, 0);
    private static readonly TimeSpan MorningEnd = new(12, 0, 0);
    private static readonly TimeSpan AfternoonStart = new(13, 0, 0);
    private static readonly TimeSpan AfternoonEnd = new(17, 30, 0);

    private readonly Dictionary<DateOnly, bool> _offDays;
    private readonly HashSet<int> _years;

    private SeedCalendar(Dictionary<DateOnly, bool> offDays, HashSet<int> years)
    {
        _offDays = offDays;
        _years = years;
    }

    public static SeedCalendar Load(params int[] years)
    {
        var offDays = new Dictionary<DateOnly, bool>();
        var assembly = typeof(SeedCalendar).Assembly;
        foreach (var year in years)
        {
            using var stream = assembly.GetManifestResourceStream($"ServiceInsights.Calendar.cn-{year}.json")
                               ?? throw new InvalidOperationException($"No holiday calendar for {year}.");
            using var json = JsonDocument.Parse(stream);
            foreach (var day in json.RootElement.GetProperty("days").EnumerateArray())
            {
                var date = DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                offDays[date] = day.GetProperty("isOffDay").GetBoolean();
            }
        }

        return new SeedCalendar(offDays, [.. years]);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        if (!_years.Contains(date.Year))
        {
            throw new InvalidOperationException($"The seed calendar has no holiday data for {date.Year}.");
        }

        return _offDays.TryGetValue(date, out var off) ? !off : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>A weekend day that the official schedule makes a working day (调休).</summary>
    public bool IsMakeUpWorkingDay(DateOnly date) => _offDays.TryGetValue(date, out var off) && !off;

    /// <summary>A day the official schedule gives off (holiday or swapped day off).</summary>
    public bool IsHoliday(DateOnly date) => _offDays.TryGetValue(date, out var off) && off;

    public DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>The date itself when it is a working day, else the next one.</summary>
    public DateOnly ThisOrNextWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : NextWorkingDay(date);

    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var result = date;
        for (var i = 0; i < days; i++)
        {
            result = NextWorkingDay(result);
        }

        return result;
    }

    /// <summary>Working days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/> (the metric dictionary's count).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The minutes of [from, to] inside business hours of working days.</summary>
    public int BusinessMinutes(DateTime from, DateTime to)
    {
        if (to <= from)
        {
            return 0;
        }

        var total = 0.0;
        for (var day = DateOnly.FromDateTime(from); day <= DateOnly.FromDateTime(to); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue);
            total += Overlap(from, to, midnight + MorningStart, midnight + MorningEnd)
                     + Overlap(from, to, midnight + AfternoonStart, midnight + AfternoonEnd);
        }

        return (int)Math.Round(total);
    }

    /// <summary>The instant that lies <paramref name="minutes"/> business minutes after <paramref name="start"/>.</summary>
    public DateTime AddBusinessMinutes(DateTime start, int minutes)
    {
        var at = StartOfBusiness(start);
        var left = minutes;
        while (true)
        {
            var midnight = at.Date;
            var sessionEnd = at.TimeOfDay < MorningEnd ? midnight + MorningEnd : midnight + AfternoonEnd;
            var available = (int)(sessionEnd - at).TotalMinutes;
            if (left <= available)
            {
                return at.AddMinutes(left);
            }

            left -= available;
            at = StartOfBusiness(sessionEnd.AddTicks(1));
        }
    }

    /// <summary>The first business instant at or after <paramref name="at"/>.</summary>
    public DateTime StartOfBusiness(DateTime at)
    {
        var day = DateOnly.FromDateTime(at);
        var time = at.TimeOfDay;
        if (IsWorkingDay(day))
        {
            if (time < MorningStart)
            {
                return at.Date + MorningStart;
            }

            if (time < MorningEnd)
            {
                return at;
            }

            if (time < AfternoonStart)
            {
                return at.Date + AfternoonStart;
            }

            if (time < AfternoonEnd)
            {
                return at;
            }
        }

        return NextWorkingDay(day).ToDateTime(TimeOnly.MinValue) + MorningStart;
    }

    /// <summary>CS-4a's deadline: the business-hours end of the arrival's working day, or of the next working day when the
    /// item arrived after that end or on a non-working day.</summary>
    public DateTime SameDayDeadline(DateTime arrival)
    {
        var day = DateOnly.FromDateTime(arrival);
        if (!IsWorkingDay(day) || arrival.TimeOfDay > AfternoonEnd)
        {
            day = NextWorkingDay(day);
        }

        return day.ToDateTime(TimeOnly.MinValue) + AfternoonEnd;
    }

    public static bool IsBusinessTime(TimeSpan time) =>
        (time >= MorningStart && time < MorningEnd) || (time >= AfternoonStart && time < AfternoonEnd);

    private static double Overlap(DateTime from, DateTime to, DateTime start, DateTime end)
    {
        var a = from > start ? from : start;
        var b = to < end ? to : end;
        return b > a ? (b - a).TotalMinutes : 0;
    }
}
