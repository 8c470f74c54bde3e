using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Data.Settings;

/// <summary>
/// How settings are named and written in <c>SettingValues</c> and the change history: an SLA target is
/// <c>Sla.&lt;property&gt;</c> with its number, a list is a JSON array; a weekday's hours are
/// <c>Hours.&lt;DayOfWeek&gt;</c> as <c>08:30-12:00,13:00-17:30</c> (empty = no business hours); a loaded year is
/// <c>Calendar.Year.&lt;yyyy&gt;</c>, a day edit <c>Calendar.Day.&lt;yyyy-MM-dd&gt;</c>; a rule's target rate of a year
/// <c>TargetRate.&lt;yyyy&gt;.&lt;rule&gt;</c> in percent (<c>TargetRate.2026.CS-3a</c> = <c>92.5</c>).
/// </summary>
public static class SettingKeys
{
    public const string SlaPrefix = "Sla.";
    public const string HoursPrefix = "Hours.";
    public const string YearPrefix = "Calendar.Year.";
    public const string DayPrefix = "Calendar.Day.";
    public const string TargetRatePrefix = "TargetRate.";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every property of <see cref="SlaSettings"/>: the contract, so a new target is stored without code here.</summary>
    public static IReadOnlyList<PropertyInfo> SlaProperties { get; } =
        [.. typeof(SlaSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)];

    public static string Sla(PropertyInfo property) => SlaPrefix + property.Name;

    public static string Hours(DayOfWeek day) => HoursPrefix + day;

    public static string Year(int year) => YearPrefix + year.ToString(CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => DayPrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string TargetRate(int year, string ruleId) =>
        TargetRatePrefix + year.ToString(CultureInfo.InvariantCulture) + "." + ruleId;

    public static string WritePercent(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The year, rule and percent of a stored target rate; null when the key or value does not read.</summary>
    public static (int Year, string RuleId, double Percent)? ReadTargetRate(string key, string value)
    {
        // Other keys (e.g. the SMS templates' "Sms.Weekly") may be shorter than the prefix: check it before slicing.
        if (!key.StartsWith(TargetRatePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key.AsSpan(TargetRatePrefix.Length);
        var dot = rest.IndexOf('.');
        return dot > 0
               && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
               && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? (year, rest[(dot + 1)..].ToString(), percent)
            : null;
    }

    public static string Write(PropertyInfo property, SlaSettings settings) => property.GetValue(settings) switch
    {
        int number => number.ToString(CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => JsonSerializer.Serialize(list, Json),
        var other => throw new NotSupportedException($"SlaSettings.{property.Name} has a type ({other?.GetType().Name}) the store cannot write."),
    };

    /// <summary>Sets a stored value on a copy of <paramref name="settings"/>; a value that no longer reads keeps the default.</summary>
    public static SlaSettings Read(PropertyInfo property, string value, SlaSettings settings)
    {
        object? parsed = property.PropertyType == typeof(int)
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null
            : TryList(value);
        if (parsed is null)
        {
            return settings;
        }

        var copy = settings with { };
        property.SetValue(copy, parsed);
        return copy;
    }

    public static string Write(IReadOnlyList<BusinessPeriod> periods) =>
        string.Join(",", periods.Select(p => $"{p.Start:HH\\:mm}-{p.End:HH\\:mm}"));

    public static BusinessPeriod[]? ReadHours(string value)
    {
        var periods = new List<BusinessPeriod>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                return null;
            }

            periods.Add(new BusinessPeriod(start, end));
        }

        return [.. periods];
    }

    private static string[]? TryList(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(value, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
