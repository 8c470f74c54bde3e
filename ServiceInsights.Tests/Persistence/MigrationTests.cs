using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Persistence;

public class MigrationTests
{
    [Fact]
    public void SqliteModelHasNoPendingChanges()
    {
        using var db = new SqliteServiceInsightsDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add.");
    }

    [Fact]
    public void TheSqlServerContextDoesNotRetryOnItsOwnSoTransactionsBegunByHandAreAllowed()
    {
        // A retrying strategy (EnableRetryOnFailure) makes EF refuse BeginTransaction outside the strategy: the import, the
        // month close, the follow-up and comment edits and the delivery log would all fail on SQL Server.
        using var db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public void SqlServerModelHasNoPendingChanges()
    {
        using var db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run dotnet ef migrations add.");
    }

    [Fact]
    public void SqlServerMigrationScriptGeneratesWithoutAServer()
    {
        using var db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("[__EFMigrationsHistory]", script);
        Assert.Contains("CREATE TABLE QRTZ_TRIGGERS", script); // the scheduler's job store (DeliverQuartzJobStore)
        Assert.All(db.Database.GetMigrations(), id => Assert.Contains(id, script));
    }

    [Fact]
    public void EveryRecordTableIsIndexedByItsImportBatchOnBothProviders()
    {
        // Undoing an import deletes the rows carrying its batch id (decision 030): by this index, not by a scan.
        using var sqlServer = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);
        var script = sqlServer.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        using var sqlite = new SqliteServiceInsightsDbContextFactory().CreateDbContext([]);
        var records = sqlite.Model.GetEntityTypes().Where(e => typeof(ServiceRecord).IsAssignableFrom(e.ClrType)).ToList();

        Assert.Equal(7, records.Count);
        foreach (var db in new ServiceInsightsDbContext[] { sqlite, sqlServer })
        {
            Assert.All(records, record => Assert.Contains(db.Model.FindEntityType(record.ClrType)!.GetIndexes(),
                index => index.Properties.Select(p => p.Name).SequenceEqual([nameof(ServiceRecord.ImportBatchId)])));
        }

        Assert.All(records, record => Assert.Contains(
            $"CREATE INDEX [IX_{record.GetTableName()}_ImportBatchId] ON [{record.GetTableName()}] ([ImportBatchId]);", script));
    }

    [Fact]
    public async Task CreatesAndMigratesSqliteFileFromNothing()
    {
        using var folder = new TempFolder();
        var settings = DatabaseSettings.Resolve(null, "Data Source=nested/dir/new.db;Pooling=False", folder.Path);
        var factory = new SqliteContextFactory(settings.ConnectionString);

        Assert.False(File.Exists(settings.SqliteFile));
        await factory.MigrateAsync(settings);

        Assert.True(File.Exists(settings.SqliteFile));
        Assert.StartsWith(folder.Path, settings.SqliteFile);
        await using var db = factory.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task RecordKeysLoseAutoincrementKeepingEveryRecordAndItsId()
    {
        using var database = new TestDatabase();
        await using (var db = database.Open())
        {
            // The database as it was before the migration, with records whose ids have a gap.
            await db.GetService<IMigrator>().MigrateAsync("DropImportedAt");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO Tickets (Id, TicketNo, ReceivedAt, ContentHash, Customer) VALUES " +
                "(1, 'GD-1', '2026-03-05 02:00:00', 11, '南京农业大学'), (7, 'GD-7', '2026-03-06 02:00:00', 77, NULL);");
        }

        await database.Factory.MigrateAsync(database.Settings);

        await using (var connection = new SqliteConnection(database.Settings.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT group_concat(Id || '|' || TicketNo || '|' || ReceivedAt || '|' || ContentHash || '|' || coalesce(Customer, '-'), ';') " +
                                  "FROM (SELECT * FROM Tickets ORDER BY Id);";
            Assert.Equal("1|GD-1|2026-03-05 02:00:00|11|南京农业大学;7|GD-7|2026-03-06 02:00:00|77|-", await command.ExecuteScalarAsync());
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%' " +
                                  "AND name IN ('Tickets', 'Repairs', 'RepairUpdates', 'SiteVisits', 'Callbacks', 'Complaints', 'Quotes');";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
            command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Tickets' AND sql IS NOT NULL ORDER BY name);";
            Assert.Equal("IX_Tickets_Customer,IX_Tickets_ImportBatchId,IX_Tickets_ReceivedAt,IX_Tickets_ResolvedAt,IX_Tickets_Staff_ResolvedAt,IX_Tickets_TicketNo", await command.ExecuteScalarAsync());
        }

        // A new record still gets the next id from the rowid, and the ticket number stays unique.
        await using var after = database.Open();
        after.Tickets.Add(new Ticket { TicketNo = "GD-8", ReceivedAt = new DateTime(2026, 3, 7, 2, 0, 0, DateTimeKind.Utc) });
        await after.SaveChangesAsync();
        Assert.Equal(8, (await after.Tickets.SingleAsync(t => t.TicketNo == "GD-8")).Id);
        after.ChangeTracker.Clear();
        after.Tickets.Add(new Ticket { TicketNo = "GD-8", ReceivedAt = new DateTime(2026, 3, 7, 2, 0, 0, DateTimeKind.Utc) });
        await Assert.ThrowsAsync<DbUpdateException>(() => after.SaveChangesAsync());
    }

    [Fact]
    public async Task ANewSqliteFileGets16KbPagesAndAnExistingOneKeepsItsOwn()
    {
        using var folder = new TempFolder();
        var fresh = DatabaseSettings.Resolve(null, $"Data Source={folder.File("new.db")};Pooling=False", folder.Path);
        await new SqliteContextFactory(fresh.ConnectionString).MigrateAsync(fresh);

        // A database made before the setting: 4 KB pages, already in WAL mode, with a table in it.
        var old = DatabaseSettings.Resolve(null, $"Data Source={folder.File("old.db")};Pooling=False", folder.Path);
        await using (var connection = new SqliteConnection(old.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE Kept (Value TEXT); INSERT INTO Kept VALUES ('still here');";
            await command.ExecuteNonQueryAsync();
        }

        await new SqliteContextFactory(old.ConnectionString).MigrateAsync(old);

        Assert.Equal(16384L, await ScalarAsync(fresh, "PRAGMA page_size;"));
        Assert.Equal(4096L, await ScalarAsync(old, "PRAGMA page_size;"));
        Assert.Equal("still here", await ScalarAsync(old, "SELECT Value FROM Kept;"));
        Assert.Equal("ok", await ScalarAsync(old, "PRAGMA integrity_check;"));
    }

    private static async Task<object?> ScalarAsync(DatabaseSettings settings, string sql)
    {
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task MigratingTwiceIsHarmless()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await database.Factory.MigrateAsync(database.Settings);
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [InlineData(null, null, "App_Data/serviceinsights.db")]
    [InlineData("sqlite", "Data Source=data/x.db", "data/x.db")]
    public void ResolvesSqlitePathsAgainstTheContentRoot(string? provider, string? connection, string expectedRelative)
    {
        var root = Path.Combine(Path.GetTempPath(), "content-root");
        var settings = DatabaseSettings.Resolve(provider, connection, root);
        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.GetFullPath(Path.Combine(root, expectedRelative)), settings.SqliteFile);
    }

    [Fact]
    public void SqlServerNeedsAConnectionString()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve("SqlServer", "", "/tmp"));
        Assert.Contains("ConnectionStrings:ServiceInsights", error.Message);
    }

    [Fact]
    public void RejectsAnUnknownProvider()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve("Oracle", null, "/tmp"));
        Assert.Contains("'Oracle'", error.Message);
    }
}
