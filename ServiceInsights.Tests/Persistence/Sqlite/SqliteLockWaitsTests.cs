using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence.Sqlite;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Persistence.Sqlite;

/// <summary>
/// An import into a SQLite file lets the write lock go between two slices when a connection of the app was refused the
/// lock during the slice, and otherwise begins the next slice at once (decision 039). Writers that leave no note (another
/// process, a connection opened outside the app's contexts) get in at the latest after <see cref="SqliteImportSlices.GapEvery"/>.
/// </summary>
public sealed class SqliteLockWaitsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    /// <summary>The file as SQLite names it (what an open connection's DataSource says, links resolved): the key of the notes.</summary>
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _database = await new TestDatabase().MigrateAsync();
        await using var db = _database.Open();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Probe (Value INTEGER NOT NULL);");
        using var connection = OpenOutside();
        _file = connection.DataSource;
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AConnectionOfTheAppsContextsNotesThatItWasRefusedTheLockAndOneOpenedOutsideThemDoesNot()
    {
        using var holder = OpenOutside();
        var holding = holder.BeginTransaction(); // BEGIN IMMEDIATE: the write lock
        var before = Environment.TickCount64;

        var outside = Task.Run(() => InsertOutside(2));
        await Task.Delay(400); // long enough for two of its tries
        Assert.True(SqliteLockWaits.LastRefused(_file) < before, "a connection opened outside the app's contexts left a note");

        var app = Task.Run(() => InsertThroughTheApp(1));
        await WaitForAsync(() => SqliteLockWaits.LastRefused(_file) >= before);
        Assert.False(app.IsCompleted);

        holding.Commit();
        await Task.WhenAll(app, outside).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Count());
    }

    [Fact]
    public async Task TheImportBeginsTheNextSliceAtOnceWhenNobodyWaits()
    {
        await using var db = _database.Open();
        await db.Database.OpenConnectionAsync();
        await using var slices = new SqliteImportSlices(db, TimeSpan.Zero); // every Enter ends a slice
        slices.Enter();

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(slices.Enter());
        }

        // With a gap after every slice the ten would take at least ten gaps.
        Assert.True(watch.Elapsed < 10 * SqliteImportSlices.Gap, $"ten slices took {watch.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task TheImportLetsTheLockGoAfterASliceDuringWhichAnAppsWriteWasRefused()
    {
        await using var db = _database.Open();
        await db.Database.OpenConnectionAsync();
        await using var slices = new SqliteImportSlices(db, TimeSpan.Zero);
        slices.Enter();
        var before = Environment.TickCount64;
        var watch = Stopwatch.StartNew();

        var write = Task.Run(() => InsertThroughTheApp(1));
        await WaitForAsync(() => SqliteLockWaits.LastRefused(_file) >= before);
        slices.Enter();

        // The slice after the gap holds the lock again: the write got in during a gap, not after the import. A writer woken
        // late on a busy machine misses the gap, is refused again during the next slice, and gets the next gap: a few
        // slices, well under the GapEvery that would let it in anyway.
        for (var slice = 0; slice < 3 && Count() == 0; slice++)
        {
            Thread.Sleep(SqliteImportSlices.Gap); // a slice long enough for the writer's next try to be refused
            slices.Enter();
        }

        Assert.Equal(1, Count());
        Assert.True(watch.Elapsed < SqliteImportSlices.GapEvery, $"the write got in after {watch.Elapsed.TotalSeconds:0.0} s");
        await write.WaitAsync(TimeSpan.FromSeconds(5));

        // The refusal is old news once a slice began after it: nobody waits, so no more gaps.
        slices.Enter();
        watch.Restart();
        for (var i = 0; i < 10; i++)
        {
            slices.Enter();
        }

        Assert.True(watch.Elapsed < 10 * SqliteImportSlices.Gap, $"ten slices after the write took {watch.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task AWriterThatLeavesNoNoteGetsInWithinGapEvery()
    {
        await using var db = _database.Open();
        await db.Database.OpenConnectionAsync();
        await using var slices = new SqliteImportSlices(db, TimeSpan.Zero);
        slices.Enter();

        var write = Task.Run(() => InsertOutside(1));
        var watch = Stopwatch.StartNew();
        // Within a gap every GapEvery; a writer woken late on a busy machine waits for the next one.
        while (Count() == 0 && watch.Elapsed < 2 * SqliteImportSlices.GapEvery + TimeSpan.FromSeconds(2))
        {
            slices.Enter();
            Thread.Sleep(10);
        }

        Assert.Equal(1, Count());
        await write.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private SqliteConnection OpenOutside()
    {
        var connection = new SqliteConnection(_database.Settings.ConnectionString);
        connection.Open();
        return connection;
    }

    private void InsertOutside(int value)
    {
        using var connection = OpenOutside();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO Probe VALUES ({value});";
        command.ExecuteNonQuery();
    }

    private void InsertThroughTheApp(int value)
    {
        using var db = _database.Open();
        db.Database.ExecuteSqlRaw("INSERT INTO Probe VALUES ({0});", value);
    }

    /// <summary>The committed probe rows, read on a connection of its own (a WAL read takes no lock).</summary>
    private int Count()
    {
        using var connection = OpenOutside();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Probe;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the condition did not come true within 10 s");
            await Task.Delay(10);
        }
    }
}
