using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tools.Bench;
using ServiceInsights.Tools.SeedData;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Tools.Bench;

/// <summary>The benchmark database: whole copies of the seed year, each copy judged like the seed itself.</summary>
public sealed class BenchDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<KpiReport> OctoberAsync(string file) =>
        await new MetricQuery(BenchDatabase.Factory(file), TestClock.Shanghai).RunAsync(new ReportMonth(2026, 10), TestClock.Utc("2026-11-27 00:00"),
            SlaSettings.Defaults, new WorkingCalendar(HolidaySchedule.Shipped));

    [Fact]
    public async Task TwoCopiesOfTheSeedYearDoubleEveryRulesCounts()
    {
        var seedTickets = SeedDataGenerator.Generate().Tickets.Count;
        var one = await BenchDatabase.EnsureAsync(_folder.File("one"), seedTickets, TestClock.Shanghai);
        var two = await BenchDatabase.EnsureAsync(_folder.File("two"), seedTickets * 2, TestClock.Shanghai);

        Assert.Equal((1, seedTickets), (one.Copies, (int)one.Tickets));
        Assert.Equal((2, 2L * seedTickets), (two.Copies, two.Tickets));
        var single = await OctoberAsync(one.File);
        var doubled = await OctoberAsync(two.File);
        Assert.Equal((214, 196), (single["CS-1a"].Eligible, single["CS-1a"].Met)); // as pinned in SeedDataKpiTests
        Assert.All(single.Results, r =>
            Assert.Equal((r.Id, 2 * r.Eligible, 2 * r.Met, 2 * r.Pending), (r.Id, doubled[r.Id].Eligible, doubled[r.Id].Met, doubled[r.Id].Pending)));
    }

    [Fact]
    public async Task ReusesADatabaseItBuiltBefore()
    {
        var first = await BenchDatabase.EnsureAsync(_folder.Path, 10, TestClock.Shanghai);
        var again = await BenchDatabase.EnsureAsync(_folder.Path, 10, TestClock.Shanghai);

        Assert.False(first.Reused);
        Assert.True(again.Reused);
        Assert.Equal(first.Rows, again.Rows);
    }

    [Fact]
    public async Task BringsAReusedDatabaseUpToTheCurrentMigrations()
    {
        var first = await BenchDatabase.EnsureAsync(_folder.Path, 10, TestClock.Shanghai);
        // As if the file had been built before the latest migration: that migration is rolled back (its Down), whatever it
        // creates or changes, not only forgotten in the history (a migration that creates a table cannot run twice).
        await using (var db = BenchDatabase.OpenContext(first.File))
        {
            // Rolled back (its Down), not only forgotten: a migration that creates tables could not run again on top of them.
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            await db.GetService<IMigrator>().MigrateAsync(applied[^2]);
            Assert.Single(await db.Database.GetPendingMigrationsAsync());
        }

        SqliteConnection.ClearAllPools();
        var again = await BenchDatabase.EnsureAsync(_folder.Path, 10, TestClock.Shanghai);

        Assert.True(again.Reused);
        await using (var db = BenchDatabase.OpenContext(again.File))
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        Assert.Equal(first.Rows, again.Rows);
    }
}
