using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Data.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Where the data lives: <c>Database:Provider</c> and <c>ConnectionStrings:ServiceInsights</c>, resolved against the
/// content root. With no configuration: a SQLite file <c>App_Data/serviceinsights.db</c> under the content root.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteFile = "App_Data/serviceinsights.db";

    /// <summary>Builds the settings from raw configuration values; throws with a readable message on a bad provider name.</summary>
    public static DatabaseSettings Resolve(string? provider, string? connectionString, string contentRoot)
    {
        var kind = string.IsNullOrWhiteSpace(provider)
            ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(provider.Trim(), ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not supported; use 'Sqlite' or 'SqlServer'.");

        if (kind == DatabaseProvider.SqlServer)
        {
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException(
                    "Database:Provider is SqlServer but ConnectionStrings:ServiceInsights is empty.")
                : new DatabaseSettings(kind, connectionString);
        }

        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultSqliteFile}" : connectionString);
        // "Data Source=x.db" would resolve against the working directory; anchor it at the content root instead.
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source)
            && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        return new DatabaseSettings(kind, builder.ToString());
    }

    /// <summary>The SQLite file path, or null for SQL Server and in-memory databases.</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { } s
            && s != ":memory:" ? s : null;
}

public static class DatabaseSetup
{
    internal const string MigrationsHistoryTable = "__EFMigrationsHistory";

    /// <summary>
    /// SQLite as the app uses it, for every context on a SQLite connection string (the app's, the tools' and the tests'
    /// <see cref="SqliteContextFactory"/>, <c>dotnet ef</c>'s): the migrations, and the busy handler by which an import
    /// learns that a write waits for the lock (<see cref="SqliteLockWaits"/>).
    /// </summary>
    public static TBuilder UseServiceInsightsSqlite<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(DatabaseSetup).Assembly.GetName().Name)
                .MigrationsHistoryTable(MigrationsHistoryTable)
                .CommandTimeout(120))
            .AddInterceptors(SqliteLockWaits.Interceptor);
        return builder;
    }

    /// <summary>
    /// No retrying execution strategy (<c>EnableRetryOnFailure</c>): EF refuses a transaction begun by hand under one, and
    /// the import (one transaction over a streamed file on SQL Server), the month close, the follow-up and comment edits and
    /// the delivery log each begin theirs; an import cannot be replayed from a stream that was read. A transient error
    /// fails the operation, which leaves nothing half-written, and the user runs it again.
    /// </summary>
    public static void ConfigureSqlServer(SqlServerDbContextOptionsBuilder sqlServer) =>
        sqlServer.MigrationsAssembly(typeof(DatabaseSetup).Assembly.GetName().Name)
            .MigrationsHistoryTable(MigrationsHistoryTable)
            .CommandTimeout(120);

    /// <summary>
    /// Registers both providers' derived contexts through <see cref="IDbContextFactory{TContext}"/> and hands out the
    /// base type: <see cref="IDbContextFactory{ServiceInsightsDbContext}"/> for queries (one context per call) and a
    /// scoped <see cref="ServiceInsightsDbContext"/> for Identity's EF stores. The settings are read when first needed,
    /// so a host's late configuration (tests, the CLI) still decides the provider.
    /// </summary>
    public static IServiceCollection AddServiceInsightsDatabase(this IServiceCollection services, Func<IServiceProvider, DatabaseSettings> settings)
    {
        services.AddSingleton(settings);
        services.AddDbContextFactory<SqliteServiceInsightsDbContext>((sp, o) =>
            o.UseServiceInsightsSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddDbContextFactory<SqlServerServiceInsightsDbContext>((sp, o) =>
            o.UseSqlServer(sp.GetRequiredService<DatabaseSettings>().ConnectionString, ConfigureSqlServer));
        services.AddSingleton<IDbContextFactory<ServiceInsightsDbContext>>(sp =>
            sp.GetRequiredService<DatabaseSettings>().Provider switch
            {
                DatabaseProvider.SqlServer => new BaseContextFactory<SqlServerServiceInsightsDbContext>(
                    sp.GetRequiredService<IDbContextFactory<SqlServerServiceInsightsDbContext>>()),
                _ => new BaseContextFactory<SqliteServiceInsightsDbContext>(
                    sp.GetRequiredService<IDbContextFactory<SqliteServiceInsightsDbContext>>()),
            });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// Creates the SQLite folder when needed, applies every pending migration and, on SQLite, undoes an import left
    /// running by a process that is gone.
    /// </summary>
    public static async Task MigrateAsync(this IDbContextFactory<ServiceInsightsDbContext> factory, DatabaseSettings settings,
        CancellationToken cancellationToken = default)
    {
        if (settings.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite && settings.SqliteFile is not null)
        {
            // A new file takes its page size from this setting when its first table is created (the migrations run on the
            // same open connection); an existing file keeps its own, since a WAL database cannot change it.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA page_size = 16384;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite && settings.SqliteFile is not null)
        {
            // WAL lets the pages read while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // An import whose process was killed left its committed slices: undone here, before anyone reads them again.
            await SqliteImportSlices.RecoverAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// On a SQLite file, undoes the imports left running by a process that is gone (as at start, <see cref="MigrateAsync"/>):
    /// a running app calls it on a timer, so that its readers stop seeing a killed import's committed slices without waiting
    /// for a restart (decision 030). Nothing to do on SQL Server, whose import is one transaction the server rolls back.
    /// </summary>
    /// <returns>How many imports were undone.</returns>
    public static async Task<int> RecoverImportsAsync(this IDbContextFactory<ServiceInsightsDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return SqliteImportSlices.Serves(db) ? await SqliteImportSlices.RecoverAsync(db, cancellationToken) : 0;
    }

    /// <summary>True when the database answers a trivial query.</summary>
    public static async Task<bool> CanConnectAsync(this IDbContextFactory<ServiceInsightsDbContext> factory, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ServiceInsightsDbContext>
        where TContext : ServiceInsightsDbContext
    {
        public ServiceInsightsDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
