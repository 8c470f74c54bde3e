using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Persistence;

/// <summary>
/// The one model of ServiceInsights. It is abstract: each database provider has a derived context
/// (<see cref="SqliteServiceInsightsDbContext"/>, <see cref="SqlServerServiceInsightsDbContext"/>) that owns
/// its migrations, as in EF Core's "migrations with multiple providers".
/// </summary>
public abstract class ServiceInsightsDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceInsightsDbContext).Assembly);
    }
}
