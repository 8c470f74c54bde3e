using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Summaries;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Summaries;

/// <summary>
/// The stored summaries' source moves when an import has ended, not while it runs: an import into SQLite commits in
/// slices (decision 030), and a summary computed from part of its rows must be computed again once it has committed.
/// </summary>
public sealed class MonthSummarySourceTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ARunningImportDoesNotMoveTheSourceItsEndDoes()
    {
        await _database.MigrateAsync();
        var store = new MonthSummaryStore(_database.Factory, TestClock.Shanghai);
        var before = await store.SourceAsync();
        var batch = new ImportBatch { FileName = "big.csv", UserName = "tester", Status = ImportStatus.Running, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow };
        await _database.AddAsync(batch);

        Assert.Equal(before, await store.SourceAsync());

        await using (var db = _database.Open())
        {
            await db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Committed));
        }

        Assert.NotEqual(before, await store.SourceAsync());
    }
}
