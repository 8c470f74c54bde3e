using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Tests.Builders;

/// <summary>A real SQLite file per test, migrated with the real migrations.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempFolder _folder = new();

    public DatabaseSettings Settings { get; }

    public IDbContextFactory<ServiceInsightsDbContext> Factory { get; }

    public TestDatabase()
    {
        Settings = DatabaseSettings.Resolve("Sqlite", _folder.SqliteConnectionString(), _folder.Path);
        Factory = new SqliteFactory(new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>()
            .UseSqlite(Settings.ConnectionString, DatabaseSetup.ConfigureSqlite).Options);
    }

    public string FilePath => Settings.SqliteFile!;

    public async Task<TestDatabase> MigrateAsync()
    {
        await Factory.MigrateAsync(Settings);
        return this;
    }

    public ServiceInsightsDbContext Open() => Factory.CreateDbContext();

    /// <summary>Stores records built by the builders, in one save.</summary>
    public async Task AddAsync(params object[] records)
    {
        await using var db = Open();
        db.AddRange(records);
        await db.SaveChangesAsync();
    }

    public void Dispose() => _folder.Dispose();

    private sealed class SqliteFactory(DbContextOptions<SqliteServiceInsightsDbContext> options) : IDbContextFactory<ServiceInsightsDbContext>
    {
        public ServiceInsightsDbContext CreateDbContext() => new SqliteServiceInsightsDbContext(options);
    }
}
