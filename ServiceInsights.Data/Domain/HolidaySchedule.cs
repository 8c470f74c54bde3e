using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace ServiceInsights.Data.Domain;

/// <summary>One date that differs from a plain Mon–Fri week: a holiday (off) or a make-up working day (调休, on).</summary>
public sealed record ScheduledDay(DateOnly Date, bool IsOffDay, string Name);

/// <summary>
/// The official Chinese holidays and make-up working days, year by year (the holiday-cn JSON format in
/// <c>Calendar/cn-YYYY.json</c>). A year without a loaded schedule is <em>unknown</em>: dates in it follow the plain
/// weekday rule, and callers must say so.
/// </summary>
public sealed class HolidaySchedule
{
    private readonly Dictionary<DateOnly, ScheduledDay> _days;
    private readonly HashSet<int> _years;

    public HolidaySchedule(IEnumerable<ScheduledDay> days, IEnumerable<int> years)
    {
        _days = days.ToDictionary(d => d.Date);
        _years = [.. years];
    }

    public IReadOnlyCollection<int> Years => _years;

    public bool IsKnownYear(int year) => _years.Contains(year);

    public ScheduledDay? Find(DateOnly date) => _days.GetValueOrDefault(date);

    public IEnumerable<ScheduledDay> Days => _days.Values.OrderBy(d => d.Date);

    /// <summary>The schedules shipped with the app (2023–2026), year by year, as their files give them.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<ScheduledDay>> ShippedYears { get; } = LoadShippedYears();

    /// <summary>The schedules shipped with the app (2023–2026).</summary>
    public static HolidaySchedule Shipped { get; } = new(ShippedYears.Values.SelectMany(d => d), ShippedYears.Keys);

    /// <summary>Reads one year in the holiday-cn format; throws <see cref="FormatException"/> with the reason.</summary>
    public static (int Year, IReadOnlyList<ScheduledDay> Days) ParseYear(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var year = root.GetProperty("year").GetInt32();
            var days = new List<ScheduledDay>();
            foreach (var day in root.GetProperty("days").EnumerateArray())
            {
                var date = DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                // A year's notice may reach into the neighbouring years (2023's New Year break began on 2022-12-31).
                if (Math.Abs(date.Year - year) > 1)
                {
                    throw new FormatException($"{date:yyyy-MM-dd} does not belong to the {year} schedule.");
                }

                days.Add(new ScheduledDay(date, day.GetProperty("isOffDay").GetBoolean(), day.GetProperty("name").GetString() ?? ""));
            }

            return (year, days);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a holiday schedule in the holiday-cn format: {ex.Message}", ex);
        }
    }

    private static Dictionary<int, IReadOnlyList<ScheduledDay>> LoadShippedYears()
    {
        var assembly = typeof(HolidaySchedule).Assembly;
        var years = new Dictionary<int, IReadOnlyList<ScheduledDay>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ServiceInsights.Calendar.cn-", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var (year, yearDays) = ParseYear(reader.ReadToEnd());
            years.Add(year, yearDays);
        }

        return years;
    }
}
