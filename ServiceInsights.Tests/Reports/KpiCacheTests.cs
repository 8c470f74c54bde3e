using ServiceInsights.Data.Reports.Kpi;
using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Reports;

/// <summary>What a cached KPI report is keyed by ("now" is 2026-11-28 10:00 in Shanghai).</summary>
public sealed class KpiCacheTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly DataVersion _version;
    private readonly KpiCache _cache;

    public KpiCacheTests()
    {
        _version = new DataVersion(_database.Factory);
        _cache = new(null!, new MemoryCache(new MemoryCacheOptions()), TestClock.Shanghai, _version);
    }

    public async Task InitializeAsync() => await _database.MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void TheCurrentMonthAtNowIsKeyedByTheMinute() =>
        Assert.Equal(new KpiCacheKey(new ReportMonth(2026, 11), TestClock.Local("2026-11-28 10:00"), 0), _cache.KeyOf(new ReportMonth(2026, 11), null));

    [Fact]
    public void AnExplicitAsOfIsRoundedDownToTheMinute() =>
        Assert.Equal(new KpiCacheKey(new ReportMonth(2026, 3), TestClock.Local("2026-11-27 08:15"), 0),
            _cache.KeyOf(new ReportMonth(2026, 3), TestClock.Local("2026-11-27 08:15:42")));

    [Fact]
    public void AnImportOrASettingChangeGivesEveryMonthANewKey()
    {
        var before = _cache.KeyOf(new ReportMonth(2026, 3), null);
        _version.Bump();
        Assert.NotEqual(before, _cache.KeyOf(new ReportMonth(2026, 3), null));
    }

    [Theory]
    [InlineData(2026, 9, false)] // ended 58 days ago: settled
    [InlineData(2026, 10, true)] // ended 28 days ago: callbacks may still come in
    public void ASettledPastMonthAtNowLeavesTheAsOfOutOfItsKey(int year, int month, bool keyedByMinute) =>
        Assert.Equal(keyedByMinute, _cache.KeyOf(new ReportMonth(year, month), null).AsOf is not null);
}
