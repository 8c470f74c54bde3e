using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
        Assert.All(db.Database.GetMigrations(), id => Assert.Contains(id, script));
    }

    [Fact]
    public async Task CreatesAndMigratesSqliteFileFromNothing()
    {
        using var folder = new TempFolder();
        var settings = DatabaseSettings.Resolve(null, "Data Source=nested/dir/new.db;Pooling=False", folder.Path);
        var factory = new PooledLessFactory(settings.ConnectionString);

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

    private sealed class PooledLessFactory(string connectionString) : IDbContextFactory<ServiceInsightsDbContext>
    {
        public ServiceInsightsDbContext CreateDbContext() => new SqliteServiceInsightsDbContext(
            new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>().UseSqlite(connectionString, DatabaseSetup.ConfigureSqlite).Options);
    }
}
