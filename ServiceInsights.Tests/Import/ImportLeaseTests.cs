using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Import;

/// <summary>Issue #20 item 8: one import at a time across every app instance and the CLI on one database.</summary>
public sealed class ImportLeaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync() => await _database.MigrateAsync();

    [Fact]
    public async Task ASecondInstanceIsToldWhoIsImportingAndGetsTheLeaseWhenItIsLetGo()
    {
        var a = new ImportLease(_database.Factory, new FixedTimeProvider(Now));
        var b = new ImportLease(_database.Factory, new FixedTimeProvider(Now.AddSeconds(5)));
        var held = await a.AcquireAsync("li.ming @ host-a (process 1)");

        var busy = await Assert.ThrowsAsync<ImportBusyException>(() => b.AcquireAsync("wang.fang @ host-b (process 2)"));
        Assert.Equal("li.ming @ host-a (process 1)", busy.Holder);
        Assert.Equal(Now.UtcDateTime, busy.Since);
        Assert.StartsWith("Another import is running (li.ming @ host-a (process 1), since 2026-11-28 02:00:00 UTC)", busy.Message);

        await held.DisposeAsync();
        await (await b.AcquireAsync("wang.fang @ host-b (process 2)")).DisposeAsync();
    }

    [Fact]
    public async Task ALeaseLeftByAKilledProcessRunsOut()
    {
        // Never let go, as when the process holding it is killed.
        _ = await new ImportLease(_database.Factory, new FixedTimeProvider(Now)).AcquireAsync("killed");
        await Assert.ThrowsAsync<ImportBusyException>(() =>
            new ImportLease(_database.Factory, new FixedTimeProvider(Now + ImportLease.Duration - TimeSpan.FromSeconds(1))).AcquireAsync("next"));
        await (await new ImportLease(_database.Factory, new FixedTimeProvider(Now + ImportLease.Duration + TimeSpan.FromSeconds(1))).AcquireAsync("next")).DisposeAsync();
    }

    [Fact]
    public async Task TheImportVerbRefusesWhileAnotherImportIsRunning()
    {
        var csv = ImportFileBuilder.Csv(_folder, "tickets.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间"], ["GD1", "2026-03-05 10:00"]);
        await using var held = await new ImportLease(_database.Factory, TimeProvider.System).AcquireAsync("li.ming @ host-a (process 1)");
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(["import", csv], output, new StringWriter(), builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = $"Data Source={_database.FilePath}");

        Assert.Equal(ImportVerbs.Unreadable, exit);
        Assert.Contains("tickets.csv: NOT IMPORTED — Another import is running (li.ming @ host-a (process 1), since", output.ToString());
        await using var db = _database.Open();
        Assert.Empty(db.Tickets);

        // A dry run writes nothing and needs no lease.
        Assert.Equal(0, await CommandLine.RunAsync(["import", csv, "--dry-run"], new StringWriter(), new StringWriter(), builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = $"Data Source={_database.FilePath}"));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
