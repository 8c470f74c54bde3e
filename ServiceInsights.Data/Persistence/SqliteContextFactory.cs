using Microsoft.EntityFrameworkCore;

namespace ServiceInsights.Data.Persistence;

/// <summary>
/// Contexts on one SQLite connection string, configured as the app configures SQLite (<see cref="DatabaseSetup.UseServiceInsightsSqlite"/>),
/// for code that runs without the app's service container: the tools' benchmarks and the tests. The app itself gets its
/// factory from <see cref="DatabaseSetup.AddServiceInsightsDatabase"/>; <c>dotnet ef</c> gets its context from
/// <see cref="SqliteServiceInsightsDbContextFactory"/>.
/// </summary>
public sealed class SqliteContextFactory(string connectionString) : IDbContextFactory<ServiceInsightsDbContext>
{
    private readonly DbContextOptions<SqliteServiceInsightsDbContext> _options = new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>()
        .UseServiceInsightsSqlite(connectionString).Options;

    public ServiceInsightsDbContext CreateDbContext() => new SqliteServiceInsightsDbContext(_options);
}
