using ServiceInsights.Data.Reports.Kpi;
using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Reports.Kpi;

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

    [Fact]
    public async Task IdenticalRequestsAtOnceShareOneEngineRun()
    {
        await _database.AddAsync(new TicketBuilder().No("GD-1").Staff("张敏").ReceivedAt("2026-10-12 10:00").Build());
        var cache = _database.KpiCache();
        var asOf = TestClock.Local("2026-11-27 08:15:00");

        // Eight requests for the same month and as-of minute (seconds differ) while none is cached yet.
        var reports = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => cache.GetAsync(new ReportMonth(2026, 10), asOf.AddSeconds(i)))));

        Assert.All(reports, r => Assert.Same(reports[0], r));
    }

    [Fact]
    public async Task ManyDistinctAsOfsStayWithinTheCachesSizeLimit()
    {
        await _database.AddAsync(new TicketBuilder().No("GD-1").Staff("张敏").ReceivedAt("2026-10-12 10:00").Build());
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 5 * KpiCache.ReportSize, CompactionPercentage = 0.5 });
        var cache = new KpiCache(_database.Kpi(), memory, TestClock.Shanghai, new DataVersion(_database.Factory));
        for (var minute = 0; minute < 30; minute++)
        {
            var report = await cache.GetAsync(new ReportMonth(2026, 10), TestClock.Local("2026-11-27 08:00").AddMinutes(minute));
            Assert.Equal(TestClock.Local("2026-11-27 08:00").AddMinutes(minute), report.AsOf);
        }

        Assert.InRange(memory.Count, 1, 5);
    }
}
