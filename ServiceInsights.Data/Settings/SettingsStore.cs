using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Settings;

/// <summary>
/// The SLA targets, lists and working calendar in force: the defaults of <see cref="SlaSettings"/> and the shipped
/// holiday schedules, overridden by what an Admin stored. Every change is written to <see cref="SettingChange"/> in the
/// same transaction. Reads are cached in memory (the metric engine asks for the calendar often) and dropped on every
/// change, here or (through <see cref="DataVersion"/>) in another app instance on the database; one context per call.
/// </summary>
public sealed class SettingsStore(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock, DataVersion? dataVersion = null)
{
    public const int MaxPageSize = 200;

    private volatile Cached? _cache;
    private int _version;

    public async Task<SlaSettings> GetSlaAsync(CancellationToken cancellationToken = default) => (await LoadAsync(cancellationToken)).Sla;

    public async Task<WorkingCalendar> GetCalendarAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Calendar.Calendar;

    /// <summary>Every rule's target rate per year, with the near band and small-sample size in force.</summary>
    public async Task<TargetRates> GetTargetRatesAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Targets;

    /// <summary>The calendar with what it is made of: the years in force, the day edits and the business hours.</summary>
    public async Task<CalendarSettings> GetCalendarSettingsAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Calendar;

    /// <summary>The years a report may be asked for: the working calendar's, one either side (<see cref="ReportYears"/>).</summary>
    public async Task<ReportYears> GetReportYearsAsync(CancellationToken cancellationToken = default) =>
        ReportYears.Around((await GetCalendarSettingsAsync(cancellationToken)).Years.Select(y => y.Year), DateOnly.FromDateTime(clock.LocalNow));

    /// <summary>Stores the targets and lists; records one change per value that differs from the value in force.</summary>
    /// <exception cref="InvalidSettingException">A target is not positive, or a VIP target is above the normal one.</exception>
    public async Task<int> SaveSlaAsync(SlaSettings settings, string user, CancellationToken cancellationToken = default)
    {
        settings = Normalise(settings);
        Validate(settings);
        var current = await GetSlaAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stored = await db.SettingValues.Where(s => s.Key.StartsWith(SettingKeys.SlaPrefix)).ToDictionaryAsync(s => s.Key, cancellationToken);
        var now = clock.UtcNow;
        var changed = 0;
        foreach (var property in SettingKeys.SlaProperties)
        {
            var (before, after) = (SettingKeys.Write(property, current), SettingKeys.Write(property, settings));
            if (before == after)
            {
                continue;
            }

            var key = SettingKeys.Sla(property);
            Upsert(db, stored.GetValueOrDefault(key), key, after, now, user);
            db.SettingChanges.Add(Change(now, user, key, before, after));
            changed++;
        }

        await SaveAsync(db, cancellationToken);
        return changed;
    }

    /// <summary>
    /// Stores the target rates (percent) of a year's rules; records one change per rule whose rate differs from the one in
    /// force. A rule not given keeps its rate.
    /// </summary>
    /// <exception cref="InvalidSettingException">An unknown rule, a year outside 2000–2099, or a rate not above 0 and at most 100.</exception>
    public async Task<int> SaveTargetRatesAsync(int year, IReadOnlyDictionary<string, double> percents, string user,
        CancellationToken cancellationToken = default)
    {
        if (year is < 2000 or > 2099)
        {
            throw new InvalidSettingException(SettingKeys.TargetRate(year, ""), $"The year {year} is outside 2000–2099.");
        }

        foreach (var (id, percent) in percents)
        {
            var key = SettingKeys.TargetRate(year, id);
            if (MetricCatalog.All.All(d => d.Id != id))
            {
                throw new InvalidSettingException(key, $"{id} is not a rule of the metric dictionary.");
            }

            if (!(percent > 0 && percent <= 100) || Math.Round(percent, 1) != percent)
            {
                throw new InvalidSettingException(key, $"The target rate of {id} for {year} must be above 0 and at most 100 %, to a tenth ({percent}).");
            }
        }

        var current = await GetTargetRatesAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var prefix = SettingKeys.TargetRate(year, "");
        var stored = await db.SettingValues.Where(s => s.Key.StartsWith(prefix)).ToDictionaryAsync(s => s.Key, cancellationToken);
        var now = clock.UtcNow;
        var changed = 0;
        foreach (var definition in MetricCatalog.All.Where(d => percents.ContainsKey(d.Id)))
        {
            var (before, after) = (SettingKeys.WritePercent(current.PercentOf(definition.Id, year)), SettingKeys.WritePercent(percents[definition.Id]));
            if (before == after)
            {
                continue;
            }

            var key = SettingKeys.TargetRate(year, definition.Id);
            Upsert(db, stored.GetValueOrDefault(key), key, after, now, user);
            db.SettingChanges.Add(Change(now, user, key, before, after));
            changed++;
        }

        await SaveAsync(db, cancellationToken);
        return changed;
    }

    /// <summary>Loads (or replaces) a year of the holiday schedule from holiday-cn JSON.</summary>
    /// <exception cref="FormatException">The file is not a usable schedule; the message names the problem. Nothing is stored.</exception>
    public async Task<HolidayYearInfo> LoadYearAsync(string json, string user, CancellationToken cancellationToken = default)
    {
        var (year, days) = ParseYear(json);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.HolidayYears.FindAsync([year], cancellationToken);
        var before = existing is not null ? Summary(HolidaySchedule.ParseYear(existing.Json).Days, "loaded")
            : HolidaySchedule.ShippedYears.TryGetValue(year, out var shipped) ? Summary(shipped, "shipped") : null;
        var now = clock.UtcNow;
        if (existing is null)
        {
            db.HolidayYears.Add(existing = new HolidayYear { Year = year });
        }

        (existing.Json, existing.LoadedAt, existing.LoadedBy) = (json, now, user);
        db.SettingChanges.Add(Change(now, user, SettingKeys.Year(year), before, Summary(days, "loaded")));
        await SaveAsync(db, cancellationToken);
        return (await GetCalendarSettingsAsync(cancellationToken)).Years.Single(y => y.Year == year);
    }

    /// <summary>Makes a date a day off, a make-up working day or a plain weekday; <c>null</c> drops the edit, so the
    /// holiday schedule decides again.</summary>
    public async Task SetDayAsync(DateOnly date, CalendarDayKind? kind, string? name, string user, CancellationToken cancellationToken = default)
    {
        name = (name ?? "").Trim();
        if (name.Length > 200)
        {
            throw new InvalidSettingException(SettingKeys.Day(date), "The name of a day is at most 200 characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var edit = await db.CalendarDayEdits.FindAsync([date], cancellationToken);
        var before = edit is null ? null : Describe(edit.Kind, edit.Name);
        var after = kind is { } k ? Describe(k, name) : null;
        if (before == after)
        {
            return;
        }

        var now = clock.UtcNow;
        if (kind is null)
        {
            db.CalendarDayEdits.Remove(edit!);
        }
        else
        {
            if (edit is null)
            {
                db.CalendarDayEdits.Add(edit = new CalendarDayEdit { Date = date });
            }

            (edit.Kind, edit.Name, edit.UpdatedAt, edit.UpdatedBy) = (kind.Value, name, now, user);
        }

        db.SettingChanges.Add(Change(now, user, SettingKeys.Day(date), before, after));
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>Sets a weekday's business hours (none = not a working weekday).</summary>
    /// <exception cref="InvalidSettingException">A period ends before it starts, or two periods overlap.</exception>
    public async Task SetHoursAsync(DayOfWeek day, IReadOnlyList<BusinessPeriod> periods, string user, CancellationToken cancellationToken = default)
    {
        var key = SettingKeys.Hours(day);
        var ordered = periods.OrderBy(p => p.Start).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].End <= ordered[i].Start || (i > 0 && ordered[i].Start < ordered[i - 1].End))
            {
                throw new InvalidSettingException(key, $"{day}: business periods must end after they start and must not overlap ({SettingKeys.Write(ordered)}).");
            }
        }

        var before = SettingKeys.Write((await GetCalendarSettingsAsync(cancellationToken)).Hours.GetValueOrDefault(day) ?? []);
        var after = SettingKeys.Write(ordered);
        if (before == after)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        Upsert(db, await db.SettingValues.FindAsync([key], cancellationToken), key, after, now, user);
        db.SettingChanges.Add(Change(now, user, key, before, after));
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>The change history, newest first, a page at a time.</summary>
    public async Task<SettingChangePage> ChangesAsync(int page, int pageSize = 25, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var total = await db.SettingChanges.CountAsync(cancellationToken);
        var rows = await db.SettingChanges.AsNoTracking().OrderByDescending(c => c.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new SettingChangePage([.. rows.Select(c => new SettingChangeRow(c.Id, clock.ToLocal(c.At), c.UserName, c.Setting, c.OldValue, c.NewValue))], total);
    }

    /// <summary>Trims list entries and drops blanks and repeats, so " 四情" and "四情" are one keyword.</summary>
    public static SlaSettings Normalise(SlaSettings settings) => settings with
    {
        KeyProductKeywords = Clean(settings.KeyProductKeywords),
        ForbiddenPhrases = Clean(settings.ForbiddenPhrases),
    };

    /// <summary>Every target positive; a VIP target no longer than the normal one (CS-9).</summary>
    public static void Validate(SlaSettings settings)
    {
        foreach (var property in SettingKeys.SlaProperties.Where(p => p.PropertyType == typeof(int)))
        {
            if ((int)property.GetValue(settings)! <= 0)
            {
                throw new InvalidSettingException(SettingKeys.Sla(property), $"{property.Name} must be a positive number.");
            }
        }

        if (settings.VipResponseMinutes > settings.ResponseMinutes)
        {
            throw new InvalidSettingException(SettingKeys.SlaPrefix + nameof(SlaSettings.VipResponseMinutes),
                $"VipResponseMinutes ({settings.VipResponseMinutes}) must not exceed ResponseMinutes ({settings.ResponseMinutes}).");
        }

        if (settings.VipSatisfactoryReplyMinutes > settings.SatisfactoryReplyMinutes)
        {
            throw new InvalidSettingException(SettingKeys.SlaPrefix + nameof(SlaSettings.VipSatisfactoryReplyMinutes),
                $"VipSatisfactoryReplyMinutes ({settings.VipSatisfactoryReplyMinutes}) must not exceed SatisfactoryReplyMinutes ({settings.SatisfactoryReplyMinutes}).");
        }
    }

    /// <summary><see cref="HolidaySchedule.ParseYear"/> plus the checks a loaded year must pass; always a
    /// <see cref="FormatException"/> naming the problem.</summary>
    public static (int Year, IReadOnlyList<ScheduledDay> Days) ParseYear(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException("The file is empty.");
        }

        (int Year, IReadOnlyList<ScheduledDay> Days) parsed;
        try
        {
            CheckShape(json);
            parsed = HolidaySchedule.ParseYear(json);
        }
        catch (Exception ex) when (ex is not FormatException)
        {
            throw new FormatException($"Not a holiday schedule in the holiday-cn format: {ex.Message}", ex);
        }

        if (parsed.Year is < 2000 or > 2099)
        {
            throw new FormatException($"The year {parsed.Year} is outside 2000–2099.");
        }

        if (parsed.Days.Count == 0)
        {
            throw new FormatException($"The {parsed.Year} schedule lists no days.");
        }

        if (parsed.Days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new FormatException($"{twice.Key:yyyy-MM-dd} appears more than once in the {parsed.Year} schedule.");
        }

        return parsed;
    }

    /// <summary>Names the missing or mistyped property, which <see cref="HolidaySchedule.ParseYear"/> cannot.</summary>
    private static void CheckShape(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The file is not a JSON object with \"year\" and \"days\".");
        }

        if (!root.TryGetProperty("year", out var year) || !year.TryGetInt32(out _))
        {
            throw new FormatException("\"year\" is missing or not a whole number.");
        }

        if (!root.TryGetProperty("days", out var days) || days.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("\"days\" is missing or not a list.");
        }

        var index = 0;
        foreach (var day in days.EnumerateArray())
        {
            index++;
            if (day.ValueKind != JsonValueKind.Object
                || !day.TryGetProperty("date", out var date) || date.ValueKind != JsonValueKind.String
                || !day.TryGetProperty("isOffDay", out var off) || off.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                || (day.TryGetProperty("name", out var name) && name.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
            {
                throw new FormatException($"Day {index} of \"days\" needs \"date\" (yyyy-MM-dd), \"isOffDay\" (true/false) and \"name\": {day.GetRawText()}");
            }
        }
    }

    private async Task<Cached> LoadAsync(CancellationToken cancellationToken)
    {
        // Another app instance on the database may have changed a setting: its change moved the data version.
        var dataAt = dataVersion?.Current;
        if (_cache is { } cached && cached.DataVersion == dataAt)
        {
            return cached;
        }

        var version = Volatile.Read(ref _version);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var values = await db.SettingValues.AsNoTracking().ToDictionaryAsync(v => v.Key, v => v.Value, cancellationToken);
        var years = await db.HolidayYears.AsNoTracking().ToListAsync(cancellationToken);
        var edits = await db.CalendarDayEdits.AsNoTracking().OrderBy(e => e.Date).ToListAsync(cancellationToken);

        var sla = SettingKeys.SlaProperties.Aggregate(SlaSettings.Defaults, (s, p) =>
            values.TryGetValue(SettingKeys.Sla(p), out var v) ? SettingKeys.Read(p, v, s) : s);
        var result = new Cached(sla, CalendarComposer.Compose(years, edits, Hours(values), clock), Targets(values, sla), dataAt);
        // A change made while this read ran has dropped the cache already: keep the older result out of it.
        if (Volatile.Read(ref _version) == version)
        {
            _cache = result;
        }

        return result;
    }

    private async Task SaveAsync(ServiceInsightsDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Increment(ref _version);
        _cache = null;
        dataVersion?.Bump();
    }

    private static Dictionary<DayOfWeek, BusinessPeriod[]> Hours(IReadOnlyDictionary<string, string> values) =>
        Enum.GetValues<DayOfWeek>()
            .Select(day => (day, periods: values.TryGetValue(SettingKeys.Hours(day), out var v) && SettingKeys.ReadHours(v) is { } read
                ? read
                : WorkingCalendar.DefaultHours.GetValueOrDefault(day) ?? []))
            .Where(d => d.periods.Length > 0)
            .ToDictionary(d => d.day, d => d.periods);

    private static TargetRates Targets(IReadOnlyDictionary<string, string> values, SlaSettings sla) =>
        new(values.Select(v => SettingKeys.ReadTargetRate(v.Key, v.Value))
                .OfType<(int Year, string RuleId, double Percent)>()
                .GroupBy(t => t.Year)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double>)g.ToDictionary(t => t.RuleId, t => t.Percent, StringComparer.Ordinal)),
            sla.TargetNearPoints, sla.SmallSampleBelow);

    private static void Upsert(ServiceInsightsDbContext db, SettingValue? row, string key, string value, DateTime now, string user)
    {
        if (row is null)
        {
            db.SettingValues.Add(row = new SettingValue { Key = key });
        }

        (row.Value, row.UpdatedAt, row.UpdatedBy) = (value, now, user);
    }

    private static SettingChange Change(DateTime at, string user, string setting, string? before, string? after) =>
        new() { At = at, UserName = user, Setting = setting, OldValue = before, NewValue = after };

    private static string Summary(IReadOnlyList<ScheduledDay> days, string source) =>
        $"{source}: {days.Count(d => d.IsOffDay)} off, {days.Count(d => !d.IsOffDay)} make-up";

    private static string Describe(CalendarDayKind kind, string name) => name.Length == 0 ? kind.ToString() : $"{kind} {name}";

    private static string[] Clean(IReadOnlyList<string> items) =>
        [.. items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];

    private sealed record Cached(SlaSettings Sla, CalendarSettings Calendar, TargetRates Targets, long? DataVersion);
}
