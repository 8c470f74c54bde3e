using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Tools.SeedData;

namespace ServiceInsights.Tests.Worklist;

/// <summary>The committed seed-data/ imported once, as SeedDataLoader does.</summary>
public sealed class SeedDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.MigrateAsync();
        await Database.ImportSeedDataAsync();
    }

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The worklist's open items are exactly the engine's pending verdicts of CS-3d, CS-7a, CS-7b and OS-2d at the same as-of
/// (over every month of the seed data), and its overdue items are among the engine's missed verdicts.
/// </summary>
public sealed class WorklistMatchesEngineTests(SeedDatabaseFixture seed) : IClassFixture<SeedDatabaseFixture>
{
    [Theory]
    [InlineData("2026-11-20 12:00")]
    [InlineData("2026-10-09 08:30")]
    public async Task TheOpenItemsAreExactlyTheEnginesPendingVerdicts(string asOf)
    {
        var worklist = await seed.Database.Worklist().RunAsync(new WorklistFilter(), TestClock.Local(asOf));
        var pending = new HashSet<(string, string?)>();
        var missed = new HashSet<(string, string?)>();
        for (var month = new ReportMonth(2025, 6); month.CompareTo(new ReportMonth(2026, 12)) <= 0; month = month.Next)
        {
            var report = await seed.Database.Kpi().RunAsync(month, TestClock.Local(asOf));
            foreach (var duty in CallbackDuty.All)
            {
                foreach (var verdict in report[duty.Rule].Verdicts)
                {
                    var key = (duty.Rule, verdict.Record is VisitFacts visit ? visit.TicketNo ?? visit.DispatchNo : verdict.Key);
                    (verdict.Verdict == Verdict.Pending ? pending : verdict.Verdict == Verdict.Missed ? missed : []).Add(key);
                }
            }
        }

        var open = worklist.Items.Where(i => !i.Overdue).Select(i => (i.Rule, i.TicketNo ?? i.DispatchNo)).ToHashSet();
        var overdue = worklist.Items.Where(i => i.Overdue).Select(i => (i.Rule, i.TicketNo ?? i.DispatchNo)).ToList();
        Assert.NotEmpty(pending);
        Assert.NotEmpty(overdue);
        // The seed data has due, overdue and unreached cases: some open item shows earlier attempts (未接通).
        Assert.Contains(worklist.Items, i => i.Attempts > 0);
        Assert.Equal(pending.Order(), open.Order());
        Assert.All(overdue, o => Assert.Contains(o, missed));
        Assert.Equal(overdue.Count, overdue.Distinct().Count());
    }
}
