using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Settings;

/// <summary>A holiday schedule year in force: shipped with the app, loaded by an Admin, or both (the loaded one wins).</summary>
public sealed record HolidayYearInfo(int Year, bool Shipped, bool Loaded, int OffDays, int WorkingDays, DateTime? LoadedAt, string? LoadedBy);

/// <summary>A date an Admin changed by hand; <see cref="UpdatedAt"/> in the department's time zone.</summary>
public sealed record CalendarDayEditInfo(DateOnly Date, CalendarDayKind Kind, string Name, DateTime UpdatedAt, string UpdatedBy);

/// <summary>Everything the calendar settings hold, and the <see cref="WorkingCalendar"/> made of them.</summary>
public sealed record CalendarSettings(
    WorkingCalendar Calendar,
    IReadOnlyList<HolidayYearInfo> Years,
    IReadOnlyList<CalendarDayEditInfo> Edits,
    IReadOnlyDictionary<DayOfWeek, BusinessPeriod[]> Hours)
{
    public CalendarDayEditInfo? EditOf(DateOnly date) => Edits.FirstOrDefault(e => e.Date == date);
}

/// <summary>One recorded change; <see cref="At"/> in the department's time zone.</summary>
public sealed record SettingChangeRow(long Id, DateTime At, string UserName, string Setting, string? OldValue, string? NewValue);

/// <summary>One page of the change history, newest first, and how many changes there are in all.</summary>
public sealed record SettingChangePage(IReadOnlyList<SettingChangeRow> Rows, int TotalCount);

/// <summary>A settings value that breaks a rule; the message names the setting and the problem.</summary>
public sealed class InvalidSettingException(string setting, string message) : Exception(message)
{
    public string Setting { get; } = setting;
}
