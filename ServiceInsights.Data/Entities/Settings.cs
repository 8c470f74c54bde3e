namespace ServiceInsights.Data.Entities;

/// <summary>One stored setting (an SLA target, a list as JSON, a weekday's business hours); absent keys take the
/// default of <see cref="Domain.SlaSettings"/> or <see cref="Domain.WorkingCalendar.DefaultHours"/>.</summary>
public class SettingValue
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>A holiday schedule year loaded by an Admin (holiday-cn JSON, as uploaded); it replaces a shipped year of
/// the same number.</summary>
public class HolidayYear
{
    public int Year { get; set; }
    public string Json { get; set; } = "";
    public DateTime LoadedAt { get; set; }
    public string LoadedBy { get; set; } = "";
}

/// <summary>What an Admin made of one date, over whatever the holiday schedule says.</summary>
public enum CalendarDayKind
{
    /// <summary>A day off (a holiday, or a working day swapped off).</summary>
    OffDay,

    /// <summary>A make-up working day (调休).</summary>
    WorkingDay,

    /// <summary>Neither: the plain weekday rule (business hours of its weekday) applies.</summary>
    PlainWeekday,
}

/// <summary>One date an Admin changed by hand.</summary>
public class CalendarDayEdit
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>The audit of the settings: who changed which setting when (UTC), from what to what.</summary>
public class SettingChange
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public string Setting { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
