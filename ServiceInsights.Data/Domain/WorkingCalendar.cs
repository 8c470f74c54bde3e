namespace ServiceInsights.Data.Domain;

/// <summary>A span of business hours within a day, e.g. 08:30–12:00.</summary>
public readonly record struct BusinessPeriod(TimeOnly Start, TimeOnly End)
{
    public double Minutes => (End - Start).TotalMinutes;
}

/// <summary>
/// The department's working calendar: business hours per weekday plus the official holidays and make-up working
/// days (调休). Pure functions of local (department time-zone) times; no clock, no database. The definitions are the
/// metric dictionary's (docs/SERVICE-STANDARD.md): business minutes are the minutes of [t1, t2] inside business hours
/// of working days; working days between two dates count d with date(t1) &lt; d ≤ date(t2).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HolidaySchedule _schedule;
    private readonly IReadOnlyDictionary<DayOfWeek, BusinessPeriod[]> _hours;
    private readonly Lazy<DayTable> _days;

    public WorkingCalendar(HolidaySchedule schedule, IReadOnlyDictionary<DayOfWeek, BusinessPeriod[]>? hours = null)
    {
        _schedule = schedule;
        _hours = hours ?? DefaultHours;
        _days = new(() => new DayTable(this));
    }

    /// <summary>Mon–Fri 08:30–12:00 and 13:00–17:30.</summary>
    public static IReadOnlyDictionary<DayOfWeek, BusinessPeriod[]> DefaultHours { get; } = new Dictionary<DayOfWeek, BusinessPeriod[]>
    {
        [DayOfWeek.Monday] = Standard(),
        [DayOfWeek.Tuesday] = Standard(),
        [DayOfWeek.Wednesday] = Standard(),
        [DayOfWeek.Thursday] = Standard(),
        [DayOfWeek.Friday] = Standard(),
    };

    public HolidaySchedule Schedule => _schedule;

    /// <summary>A working day: a weekday with business hours that is not a holiday, or a make-up working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _days.Value.IndexOf(date) is { } i ? _days.Value.Working[i] : _schedule.Find(date) is { } day ? !day.IsOffDay : HoursOfWeekday(date.DayOfWeek).Length > 0;

    /// <summary>A day the official schedule gives off: a public holiday, or a weekday swapped off for a make-up day.</summary>
    public bool IsHoliday(DateOnly date) => _schedule.Find(date) is { IsOffDay: true };

    /// <summary>A day the official schedule makes a working day (调休), usually a weekend day.</summary>
    public bool IsMakeUpDay(DateOnly date) => _schedule.Find(date) is { IsOffDay: false };

    /// <summary>The business periods of a date: none on a day off; a make-up day works Monday's hours.</summary>
    public BusinessPeriod[] PeriodsOf(DateOnly date) => _days.Value.IndexOf(date) is { } i ? _days.Value.Periods[i] : LookUpPeriods(date);

    private BusinessPeriod[] LookUpPeriods(DateOnly date)
    {
        if (_schedule.Find(date) is { } day)
        {
            return day.IsOffDay ? [] : HoursOfWeekday(date.DayOfWeek) is { Length: > 0 } own ? own : HoursOfWeekday(DayOfWeek.Monday);
        }

        return HoursOfWeekday(date.DayOfWeek);
    }

    /// <summary>The minutes of [start, end] that fall inside business hours of working days (0 when end ≤ start).</summary>
    public double BusinessMinutes(DateTime localStart, DateTime localEnd)
    {
        if (localEnd <= localStart)
        {
            return 0;
        }

        // Inside the day table: whole days from the prefix sums, the two partial days from their periods.
        var days = _days.Value;
        if (days.IndexOf(DateOnly.FromDateTime(localStart)) is { } first && days.IndexOf(DateOnly.FromDateTime(localEnd)) is { } last)
        {
            var ticks = days.TicksBefore[last] - days.TicksBefore[first]
                        - DayTable.TicksInto(days.Periods[first], localStart.TimeOfDay) + DayTable.TicksInto(days.Periods[last], localEnd.TimeOfDay);
            return TimeSpan.FromTicks(ticks).TotalMinutes;
        }

        double total = 0;
        for (var date = DateOnly.FromDateTime(localStart); date <= DateOnly.FromDateTime(localEnd); date = date.AddDays(1))
        {
            foreach (var period in PeriodsOf(date))
            {
                var from = Max(localStart, date.ToDateTime(period.Start));
                var to = Min(localEnd, date.ToDateTime(period.End));
                if (to > from)
                {
                    total += (to - from).TotalMinutes;
                }
            }
        }

        return total;
    }

    /// <summary>The number of working days d with from &lt; d ≤ to (same day = 0; negative span = 0).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (_days.Value.IndexOf(from) is { } first && _days.Value.IndexOf(to) is { } last)
        {
            return _days.Value.WorkingThrough[last] - _days.Value.WorkingThrough[first];
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// How many working days something due on <paramref name="due"/> is late at <paramref name="asOf"/>: 0 while
    /// asOf ≤ due; else the working days d with due &lt; d ≤ asOf, where an as-of on a day off counts to the next working
    /// day. A date due on a Friday is late by 1 from the Saturday on (not 0 over the weekend, 1 on Monday): once late, it is
    /// late by the working day under way or next.
    /// </summary>
    public int WorkingDaysLate(DateOnly due, DateOnly asOf) =>
        asOf <= due ? 0 : WorkingDaysBetween(due, ThisOrNextWorkingDay(asOf));

    /// <summary>The first working day after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        for (var guard = 0; !IsWorkingDay(next); guard++)
        {
            if (guard > 366)
            {
                throw new InvalidOperationException("No working day within a year: the business hours are empty.");
            }

            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>The date itself when it is a working day, else the first working day after it.</summary>
    public DateOnly ThisOrNextWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : NextWorkingDay(date);

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="date"/>: the first date d with
    /// <see cref="WorkingDaysBetween"/>(date, d) = days (0 days gives the date itself, working or not).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var result = date;
        for (var i = 0; i < days; i++)
        {
            result = NextWorkingDay(result);
        }

        return result;
    }

    /// <summary>
    /// Whether a local instant lies inside business hours of a working day; a period includes its start and excludes its
    /// end (12:00 and 17:30 are not business time).
    /// </summary>
    public bool IsBusinessTime(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        foreach (var period in PeriodsOf(DateOnly.FromDateTime(local)))
        {
            if (period.Start <= time && time < period.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first business instant at or after <paramref name="local"/>: the instant itself inside business hours, else the
    /// start of the next business period (12:10 → 13:00; 17:30 or a holiday → 08:30 of the next working day).
    /// </summary>
    public DateTime StartOfBusiness(DateTime local) => BusinessSpanAtOrAfter(local).From;

    /// <summary>
    /// The instant at which <paramref name="minutes"/> business minutes have elapsed since <paramref name="localStart"/>:
    /// the earliest t with <see cref="BusinessMinutes"/>(localStart, t) = minutes. Time outside business hours is skipped;
    /// an amount that exactly fills a period ends at that period's end (12:00, not 13:00); 0 minutes gives
    /// <paramref name="localStart"/> itself.
    /// </summary>
    public DateTime AddBusinessMinutes(DateTime localStart, double minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        var left = TimeSpan.FromMinutes(minutes);
        var at = localStart;
        while (left > TimeSpan.Zero)
        {
            var (from, to) = BusinessSpanAtOrAfter(at);
            if (left <= to - from)
            {
                return from + left;
            }

            left -= to - from;
            at = to;
        }

        return localStart;
    }

    /// <summary>The end of business hours of a working day (local), e.g. 17:30.</summary>
    public DateTime EndOfWorkingDay(DateOnly date)
    {
        var periods = PeriodsOf(date);
        if (periods.Length == 0)
        {
            throw new ArgumentException($"{date:yyyy-MM-dd} is not a working day.", nameof(date));
        }

        // A loop, not Max(): CS-4a asks for every repair of the month.
        var end = periods[0].End;
        foreach (var period in periods)
        {
            end = period.End > end ? period.End : end;
        }

        return date.ToDateTime(end);
    }

    /// <summary>
    /// CS-4a's deadline for an arrival: the business-hours end of the arrival's working day; an arrival after that end,
    /// or on a non-working day, gets the end of the next working day.
    /// </summary>
    public DateTime SameDayDeadline(DateTime localArrival)
    {
        var date = DateOnly.FromDateTime(localArrival);
        if (IsWorkingDay(date) && localArrival <= EndOfWorkingDay(date))
        {
            return EndOfWorkingDay(date);
        }

        return EndOfWorkingDay(NextWorkingDay(date));
    }

    /// <summary>The years touched by [from, to] that have no loaded holiday schedule ("2027 holiday schedule not loaded").</summary>
    public IReadOnlyList<int> UnknownYears(DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1)).Where(y => !_schedule.IsKnownYear(y))];

    /// <summary>The business time from the first business instant at or after <paramref name="local"/> to the end of its
    /// period.</summary>
    private (DateTime From, DateTime To) BusinessSpanAtOrAfter(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        for (var guard = 0; guard <= 366; guard++, date = date.AddDays(1))
        {
            foreach (var period in PeriodsOf(date).OrderBy(p => p.Start))
            {
                var from = Max(local, date.ToDateTime(period.Start));
                var to = date.ToDateTime(period.End);
                if (from < to)
                {
                    return (from, to);
                }
            }
        }

        throw new InvalidOperationException("No business hours within a year: the business hours are empty.");
    }

    /// <summary>
    /// Every date of 2000–2099 looked up once: its periods, whether it is a working day, and prefix sums of business time
    /// and working days. A month's KPIs ask for the same few hundred dates hundreds of thousands of times (business minutes
    /// from receipt to reply, working days of a repair), and this turns each of those from a loop over the days between
    /// into two array reads. Dates outside the table take the day-by-day path.
    /// </summary>
    private sealed class DayTable
    {
        private static readonly DateOnly Start = new(2000, 1, 1);
        private static readonly int Count = new DateOnly(2100, 1, 1).DayNumber - Start.DayNumber;

        public DayTable(WorkingCalendar calendar)
        {
            Periods = new BusinessPeriod[Count][];
            Working = new bool[Count];
            TicksBefore = new long[Count + 1];
            WorkingThrough = new int[Count];
            var working = 0;
            for (var i = 0; i < Count; i++)
            {
                var date = Start.AddDays(i);
                Periods[i] = calendar.LookUpPeriods(date);
                Working[i] = calendar._schedule.Find(date) is { } day ? !day.IsOffDay : calendar.HoursOfWeekday(date.DayOfWeek).Length > 0;
                working += Working[i] ? 1 : 0;
                WorkingThrough[i] = working;
                TicksBefore[i + 1] = TicksBefore[i] + TicksInto(Periods[i], TimeSpan.FromDays(1));
            }
        }

        public BusinessPeriod[][] Periods { get; }

        public bool[] Working { get; }

        /// <summary>Business ticks of the table's days before day i.</summary>
        public long[] TicksBefore { get; }

        /// <summary>Working days of the table's days up to and including day i.</summary>
        public int[] WorkingThrough { get; }

        public int? IndexOf(DateOnly date) => (uint)(date.DayNumber - Start.DayNumber) < (uint)Count ? date.DayNumber - Start.DayNumber : null;

        /// <summary>The business ticks of a day's periods before a time of that day.</summary>
        public static long TicksInto(BusinessPeriod[] periods, TimeSpan time)
        {
            long ticks = 0;
            foreach (var period in periods)
            {
                var start = period.Start.ToTimeSpan();
                var end = period.End.ToTimeSpan();
                if (end > start && time > start)
                {
                    ticks += (time < end ? time : end).Ticks - start.Ticks;
                }
            }

            return ticks;
        }
    }

    private BusinessPeriod[] HoursOfWeekday(DayOfWeek day) => _hours.TryGetValue(day, out var periods) ? periods : [];

    private static BusinessPeriod[] Standard() => [new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(17, 30))];

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
