using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceInsights.Data.Persistence;

/// <summary>The SQL Server flavour of the model; migrations live in <c>Persistence/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerServiceInsightsDbContext(DbContextOptions<SqlServerServiceInsightsDbContext> options)
    : ServiceInsightsDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a live server (nothing connects at design time).</summary>
public sealed class SqlServerServiceInsightsDbContextFactory : IDesignTimeDbContextFactory<SqlServerServiceInsightsDbContext>
{
    public SqlServerServiceInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerServiceInsightsDbContext>()
            .UseSqlServer("Server=(design-time);Database=ServiceInsights;Trusted_Connection=True;TrustServerCertificate=True",
                DatabaseSetup.ConfigureSqlServer)
            .Options);
}
