using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceInsights.Data.Persistence;

/// <summary>The SQLite flavour of the model; migrations live in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteServiceInsightsDbContext(DbContextOptions<SqliteServiceInsightsDbContext> options)
    : ServiceInsightsDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without the web host.</summary>
public sealed class SqliteServiceInsightsDbContextFactory : IDesignTimeDbContextFactory<SqliteServiceInsightsDbContext>
{
    public SqliteServiceInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>()
            .UseSqlite("Data Source=design-time.db", DatabaseSetup.ConfigureSqlite)
            .Options);
}
