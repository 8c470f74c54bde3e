using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Persistence;

/// <summary>The SQLite flavour of the model; migrations live in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteServiceInsightsDbContext(DbContextOptions<SqliteServiceInsightsDbContext> options)
    : ServiceInsightsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The record tables' keys are plain rowid aliases, without AUTOINCREMENT: with it SQLite reads and rewrites the
        // table's sqlite_sequence row on every INSERT, a fifth of the insert work of a large import (measured, see
        // docs/decisions/003). Records are never deleted, so a rowid is never reused. SQL Server's model is unchanged.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ServiceRecord).IsAssignableFrom(e.ClrType)))
        {
            entity.FindProperty(nameof(ServiceRecord.Id))!.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
        }
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without the web host.</summary>
public sealed class SqliteServiceInsightsDbContextFactory : IDesignTimeDbContextFactory<SqliteServiceInsightsDbContext>
{
    public SqliteServiceInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>()
            .UseServiceInsightsSqlite("Data Source=design-time.db")
            .Options);
}
