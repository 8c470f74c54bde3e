using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Summaries;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Summaries;

namespace ServiceInsights.Tests.Summaries;

/// <summary>The queue that computes the stored months: a page that asks for a month does not compute it on its own circuit.</summary>
public sealed class MonthSummaryQueueTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AMonthAskedForByAPageIsComputedOffThePagesContext()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(new TicketBuilder().No("GD1").ReceivedAt("2026-10-12 09:00").Build());
        var store = new MonthSummaryStore(_database.Factory, TestClock.Shanghai);
        var archive = new MonthArchive(_database.Factory, TestClock.Shanghai);
        using var queue = new MonthSummaryQueue(_database.Kpi(), store, archive, new ConfigurationBuilder().Build(),
            NullLogger<MonthSummaryQueue>.Instance);
        var page = new CountingSynchronizationContext();
        var october = new ReportMonth(2026, 10);

        await page.Run(() => queue.RefreshAsync(october));

        // The month was computed and stored (the engine's awaits came back), and none of it was queued on the page's context.
        Assert.Contains(october, await store.StoredMonthsAsync());
        Assert.Equal(0, page.Posts);
    }
}
