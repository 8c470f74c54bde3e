using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Settings;

public class SettingsStoreTests
{
    private const string Admin = "admin@serviceinsights.local";
    private static readonly DepartmentClock Clock = new(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28));

    private const string Year2027 = """
        {"year": 2027, "days": [
          {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
          {"name": "春节", "date": "2027-02-06", "isOffDay": true},
          {"name": "春节", "date": "2027-02-20", "isOffDay": false}
        ]}
        """;

    [Fact]
    public async Task GivesTheDefaultsWhenNothingIsStored()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);

        var sla = await store.GetSlaAsync();
        var calendar = await store.GetCalendarSettingsAsync();

        Assert.Equal(SlaSettings.Defaults.ResponseMinutes, sla.ResponseMinutes);
        Assert.Equal(SlaSettings.Defaults.KeyProductKeywords, sla.KeyProductKeywords);
        Assert.Equal([2023, 2024, 2025, 2026], calendar.Years.Select(y => y.Year));
        Assert.All(calendar.Years, y => Assert.True(y.Shipped && !y.Loaded));
        Assert.True(calendar.Calendar.IsHoliday(new DateOnly(2026, 10, 1)));
        Assert.Equal(WorkingCalendar.DefaultHours[DayOfWeek.Monday], calendar.Hours[DayOfWeek.Monday]);
        Assert.False(calendar.Hours.ContainsKey(DayOfWeek.Saturday));
    }

    [Fact]
    public async Task TargetRatesArePerYearAuditedAndDefaultTo95()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);
        Assert.Equal(95, (await store.GetTargetRatesAsync()).PercentOf("CS-3a", 2026));

        var changed = await store.SaveTargetRatesAsync(2026, new Dictionary<string, double> { ["CS-3a"] = 92.5, ["CS-3b"] = 95 }, Admin);

        Assert.Equal(1, changed); // CS-3b is 95 already
        var targets = await store.GetTargetRatesAsync();
        Assert.Equal((92.5, 95.0, 95.0), (targets.PercentOf("CS-3a", 2026), targets.PercentOf("CS-3a", 2027), targets.PercentOf("CS-3b", 2026)));
        var change = Assert.Single((await store.ChangesAsync(0)).Rows);
        Assert.Equal(("TargetRate.2026.CS-3a", "95", "92.5", Admin), (change.Setting, change.OldValue, change.NewValue, change.UserName));

        Assert.Equal(1, await store.SaveTargetRatesAsync(2026, new Dictionary<string, double> { ["CS-3a"] = 97 }, Admin));
        Assert.Equal(97, (await store.GetTargetRatesAsync()).PercentOf("CS-3a", 2026));
        Assert.Equal(("92.5", "97"), ((await store.ChangesAsync(0)).Rows[0].OldValue, (await store.ChangesAsync(0)).Rows[0].NewValue));
    }

    [Theory]
    [InlineData("CS-3a", 0)]
    [InlineData("CS-3a", 100.5)]
    [InlineData("CS-3a", 92.25)]
    [InlineData("CS-99", 90)]
    public async Task RejectsATargetRateOutOfRangeOrForAnUnknownRuleAndStoresNothing(string rule, double percent)
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);

        var error = await Assert.ThrowsAsync<InvalidSettingException>(() =>
            store.SaveTargetRatesAsync(2026, new Dictionary<string, double> { ["CS-3b"] = 90, [rule] = percent }, Admin));

        Assert.Equal($"TargetRate.2026.{rule}", error.Setting);
        Assert.Equal(0, (await store.ChangesAsync(0)).TotalCount);
        Assert.Equal(95, (await store.GetTargetRatesAsync()).PercentOf("CS-3b", 2026));
    }

    [Fact]
    public async Task SavingRecordsOnlyTheChangedValuesAndReadsThemBack()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);
        await store.GetSlaAsync(); // fills the cache, which the save must drop

        var changed = await store.SaveSlaAsync(SlaSettings.Defaults with
        {
            ResponseMinutes = 45,
            KeyProductKeywords = [.. SlaSettings.Defaults.KeyProductKeywords, " 气象站 ", ""],
        }, Admin);

        Assert.Equal(2, changed);
        var sla = await store.GetSlaAsync();
        Assert.Equal(45, sla.ResponseMinutes);
        Assert.Equal("气象站", sla.KeyProductKeywords[^1]);
        Assert.Equal(SlaSettings.Defaults.ForbiddenPhrases, sla.ForbiddenPhrases);
        var history = await store.ChangesAsync(0);
        Assert.Equal(2, history.TotalCount);
        var response = Assert.Single(history.Rows, r => r.Setting == "Sla.ResponseMinutes");
        Assert.Equal(("60", "45", Admin), (response.OldValue, response.NewValue, response.UserName));
        Assert.Equal(new DateTime(2026, 11, 28, 10, 0, 0), response.At);
        Assert.Contains("气象站", Assert.Single(history.Rows, r => r.Setting == "Sla.KeyProductKeywords").NewValue);

        Assert.Equal(0, await store.SaveSlaAsync(sla, Admin));
        Assert.Equal(2, (await store.ChangesAsync(0)).TotalCount);
        Assert.Equal(45, (await new SettingsStore(database.Factory, Clock).GetSlaAsync()).ResponseMinutes);
    }

    [Theory]
    [InlineData(0, 30, "ResponseMinutes")]
    [InlineData(20, 30, "VipResponseMinutes")]
    public async Task RefusesTargetsThatBreakTheRules(int response, int vip, string setting)
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);

        var error = await Assert.ThrowsAsync<InvalidSettingException>(() =>
            store.SaveSlaAsync(SlaSettings.Defaults with { ResponseMinutes = response, VipResponseMinutes = vip }, Admin));

        Assert.Equal("Sla." + setting, error.Setting);
        Assert.Equal(0, (await store.ChangesAsync(0)).TotalCount);
    }

    [Fact]
    public async Task ALoadedYearIsKnownAndRecorded()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);
        var before = await store.GetCalendarAsync();
        Assert.Equal([2027], before.UnknownYears(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)));

        var info = await store.LoadYearAsync(Year2027, Admin);

        var calendar = await store.GetCalendarAsync();
        Assert.Empty(calendar.UnknownYears(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)));
        Assert.True(calendar.IsHoliday(new DateOnly(2027, 2, 6)));
        Assert.True(calendar.IsMakeUpDay(new DateOnly(2027, 2, 20)));
        Assert.Equal((2027, false, true, 2, 1), (info.Year, info.Shipped, info.Loaded, info.OffDays, info.WorkingDays));
        Assert.Equal("Calendar.Year.2027", Assert.Single((await store.ChangesAsync(0)).Rows).Setting);
    }

    [Fact]
    public async Task ALoadedYearReplacesTheShippedOne()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);

        await store.LoadYearAsync("""{"year": 2026, "days": [{"name": "测试", "date": "2026-03-02", "isOffDay": true}]}""", Admin);

        var settings = await store.GetCalendarSettingsAsync();
        Assert.False(settings.Calendar.IsHoliday(new DateOnly(2026, 10, 1)));
        Assert.True(settings.Calendar.IsHoliday(new DateOnly(2026, 3, 2)));
        Assert.True(settings.Calendar.IsHoliday(new DateOnly(2025, 10, 1)));
        var year = Assert.Single(settings.Years, y => y.Year == 2026);
        Assert.True(year.Shipped && year.Loaded);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "holiday-cn format")]
    [InlineData("""{"days": []}""", "year")]
    [InlineData("""{"year": 2027, "days": []}""", "no days")]
    [InlineData("""{"year": 2027, "days": [{"name": "x", "date": "2027-13-01", "isOffDay": true}]}""", "2027-13-01")]
    [InlineData("""{"year": 2027, "days": [{"name": "x", "date": "2030-01-01", "isOffDay": true}]}""", "2030-01-01")]
    [InlineData("""{"year": 2027, "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}, {"name": "x", "date": "2027-01-01", "isOffDay": true}]}""", "more than once")]
    [InlineData("""{"year": 2027, "days": [{"name": "x", "isOffDay": true}]}""", "date")]
    public async Task AnInvalidYearIsRefusedByNameAndStoresNothing(string json, string named)
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);

        var error = await Assert.ThrowsAsync<FormatException>(() => store.LoadYearAsync(json, Admin));

        Assert.Contains(named, error.Message);
        await using var db = database.Open();
        Assert.Equal(0, await db.HolidayYears.CountAsync());
        Assert.Equal(0, await db.SettingChanges.CountAsync());
    }

    [Fact]
    public async Task ADayEditChangesWhetherItIsAWorkingDay()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);
        var monday = new DateOnly(2026, 3, 2);
        var nationalDay = new DateOnly(2026, 10, 1);
        Assert.True((await store.GetCalendarAsync()).IsWorkingDay(monday));

        await store.SetDayAsync(monday, CalendarDayKind.OffDay, "厂庆", Admin);
        await store.SetDayAsync(nationalDay, CalendarDayKind.PlainWeekday, "", Admin);
        await store.SetDayAsync(new DateOnly(2026, 3, 7), CalendarDayKind.WorkingDay, "盘点", Admin);

        var calendar = await store.GetCalendarAsync();
        Assert.False(calendar.IsWorkingDay(monday));
        Assert.Equal("厂庆", calendar.Schedule.Find(monday)?.Name);
        Assert.True(calendar.IsWorkingDay(nationalDay));
        Assert.True(calendar.IsMakeUpDay(new DateOnly(2026, 3, 7)));

        await store.SetDayAsync(monday, null, null, Admin);
        Assert.True((await store.GetCalendarAsync()).IsWorkingDay(monday));
        var changes = (await store.ChangesAsync(0)).Rows;
        Assert.Equal(4, changes.Count);
        Assert.Equal(("Calendar.Day.2026-03-02", "OffDay 厂庆", null), (changes[0].Setting, changes[0].OldValue, changes[0].NewValue));
    }

    [Fact]
    public async Task BusinessHoursPerWeekdayGoIntoTheCalendar()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var store = new SettingsStore(database.Factory, Clock);

        await store.SetHoursAsync(DayOfWeek.Saturday, [new(new TimeOnly(9, 0), new TimeOnly(12, 0))], Admin);
        await store.SetHoursAsync(DayOfWeek.Friday, [], Admin);

        var calendar = await store.GetCalendarAsync();
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 7)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 3, 6)));
        Assert.Equal(180, calendar.BusinessMinutes(new DateTime(2026, 3, 7, 0, 0, 0), new DateTime(2026, 3, 7, 23, 0, 0)));
        var change = (await store.ChangesAsync(0)).Rows[0];
        Assert.Equal(("Hours.Friday", "08:30-12:00,13:00-17:30", ""), (change.Setting, change.OldValue, change.NewValue));
        await Assert.ThrowsAsync<InvalidSettingException>(() => store.SetHoursAsync(DayOfWeek.Monday,
            [new(new TimeOnly(8, 0), new TimeOnly(12, 0)), new(new TimeOnly(11, 0), new TimeOnly(13, 0))], Admin));
    }
}
