using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Settings;

/// <summary>Builds the calendar in force: shipped years, replaced or extended by loaded years, then the day edits.</summary>
internal static class CalendarComposer
{
    public static CalendarSettings Compose(IReadOnlyList<HolidayYear> loaded, IReadOnlyList<CalendarDayEdit> edits,
        IReadOnlyDictionary<DayOfWeek, BusinessPeriod[]> hours, DepartmentClock clock)
    {
        var schedules = HolidaySchedule.ShippedYears.ToDictionary(y => y.Key, y => y.Value);
        foreach (var year in loaded)
        {
            schedules[year.Year] = HolidaySchedule.ParseYear(year.Json).Days;
        }

        // A notice may reach into a neighbouring year (2022-12-31 in 2023's): the date's own year has the last word.
        var days = new Dictionary<DateOnly, ScheduledDay>();
        foreach (var (year, yearDays) in schedules.OrderBy(s => s.Key))
        {
            foreach (var day in yearDays.Where(d => d.Date.Year != year))
            {
                days.TryAdd(day.Date, day);
            }
        }

        foreach (var day in schedules.SelectMany(s => s.Value.Where(d => d.Date.Year == s.Key)))
        {
            days[day.Date] = day;
        }

        foreach (var edit in edits)
        {
            if (edit.Kind == CalendarDayKind.PlainWeekday)
            {
                days.Remove(edit.Date);
            }
            else
            {
                days[edit.Date] = new ScheduledDay(edit.Date, edit.Kind == CalendarDayKind.OffDay, edit.Name);
            }
        }

        var calendar = new WorkingCalendar(new HolidaySchedule(days.Values, schedules.Keys), hours);
        var years = schedules.Keys.Order().Select(y =>
        {
            var upload = loaded.FirstOrDefault(l => l.Year == y);
            return new HolidayYearInfo(y, HolidaySchedule.ShippedYears.ContainsKey(y), upload is not null,
                schedules[y].Count(d => d.IsOffDay), schedules[y].Count(d => !d.IsOffDay),
                upload is null ? null : clock.ToLocal(upload.LoadedAt), upload?.LoadedBy);
        });
        return new CalendarSettings(calendar, [.. years],
            [.. edits.Select(e => new CalendarDayEditInfo(e.Date, e.Kind, e.Name, clock.ToLocal(e.UpdatedAt), e.UpdatedBy))], hours);
    }
}
