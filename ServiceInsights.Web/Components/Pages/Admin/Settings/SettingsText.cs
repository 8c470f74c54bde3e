using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Web.Components.Pages.Admin.Settings;

/// <summary>One numeric target on the page: its <see cref="SlaSettings"/> property, the rules it governs, its unit.</summary>
public sealed record SlaTargetField(string Property, string Rules, string UnitKey);

/// <summary>What the Settings page shows beside each setting, and how it names a setting of the change history.</summary>
public static class SettingsText
{
    public const string BusinessMinutes = "Settings.Unit.BusinessMinutes";
    /// <summary>Minutes on the clock, not office hours (CS-3c's 立即, CS-8b, OS-2b; Rulings on the dictionary).</summary>
    public const string CalendarMinutes = "Settings.Unit.CalendarMinutes";
    public const string CalendarDays = "Settings.Unit.CalendarDays";
    public const string WorkingDays = "Settings.Unit.WorkingDays";

    /// <summary>Every numeric property of <see cref="SlaSettings"/>, in the order of the service standard.</summary>
    public static IReadOnlyList<SlaTargetField> Targets { get; } =
    [
        new(nameof(SlaSettings.ResponseMinutes), "CS-3a", BusinessMinutes),
        new(nameof(SlaSettings.VipResponseMinutes), "CS-3a · CS-9", BusinessMinutes),
        new(nameof(SlaSettings.SatisfactoryReplyMinutes), "CS-3b", BusinessMinutes),
        new(nameof(SlaSettings.VipSatisfactoryReplyMinutes), "CS-3b · CS-9", BusinessMinutes),
        new(nameof(SlaSettings.ImmediateReplyMinutes), "CS-3c", CalendarMinutes),
        new(nameof(SlaSettings.PhoneCallbackDays), "CS-3d · OS-2d", CalendarDays),
        new(nameof(SlaSettings.RepairDaysSelfMade), "CS-4b", WorkingDays),
        new(nameof(SlaSettings.RepairDaysPurchased), "CS-4b", WorkingDays),
        new(nameof(SlaSettings.OnSiteDays), "CS-5", WorkingDays),
        new(nameof(SlaSettings.CallbackWindowDays), "CS-7a · CS-7b", CalendarDays),
        new(nameof(SlaSettings.SalesFeedbackMinutes), "CS-8b", CalendarMinutes),
        new(nameof(SlaSettings.PunctualityGraceMinutes), "OS-2b", CalendarMinutes),
        new(nameof(SlaSettings.RepeatComplaintDays), "CP-1", CalendarDays),
        new(nameof(SlaSettings.TargetNearPoints), "KPI", Points),
        new(nameof(SlaSettings.SmallSampleBelow), "KPI", Records),
        new(nameof(SlaSettings.WorklistOverdueDays), "CS-3d · CS-7a · CS-7b · OS-2d", CalendarDays),
    ];

    public const string Points = "Settings.Unit.Points";
    public const string Records = "Settings.Unit.Records";

    public static IReadOnlyList<string> Units { get; } = [BusinessMinutes, CalendarMinutes, CalendarDays, WorkingDays, Points, Records];

    /// <summary>Monday first, as the department's week.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string FieldKey(string property) => "Settings.Field." + property;

    public static string DayKindKey(CalendarDayKind? kind) => "Settings.DayKind." + (kind?.ToString() ?? "Official");

    public static string DayName(DayOfWeek day) => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(day);

    public static string ShortDayName(DayOfWeek day) => CultureInfo.CurrentUICulture.DateTimeFormat.GetAbbreviatedDayName(day);

    /// <summary>The resource key and argument that name a setting of the change history.</summary>
    public static (string Key, object? Argument) SettingName(string setting) => setting switch
    {
        _ when setting.StartsWith(SettingKeys.SlaPrefix, StringComparison.Ordinal) => (FieldKey(setting[SettingKeys.SlaPrefix.Length..]), null),
        _ when setting.StartsWith(SettingKeys.HoursPrefix, StringComparison.Ordinal)
            && Enum.TryParse<DayOfWeek>(setting[SettingKeys.HoursPrefix.Length..], out var day) => ("Settings.History.Hours", DayName(day)),
        _ when setting.StartsWith(SettingKeys.YearPrefix, StringComparison.Ordinal) => ("Settings.History.Year", setting[SettingKeys.YearPrefix.Length..]),
        _ when setting.StartsWith(SettingKeys.DayPrefix, StringComparison.Ordinal) => ("Settings.History.Day", setting[SettingKeys.DayPrefix.Length..]),
        _ when setting.StartsWith(SettingKeys.TargetRatePrefix, StringComparison.Ordinal) =>
            ("Settings.History.TargetRate", setting[SettingKeys.TargetRatePrefix.Length..].Replace('.', ' ')),
        _ when setting.StartsWith(Data.Sms.SmsText.KeyPrefix, StringComparison.Ordinal) => ("Settings.Sms." + setting[Data.Sms.SmsText.KeyPrefix.Length..], null),
        _ => ("", null),
    };
}
