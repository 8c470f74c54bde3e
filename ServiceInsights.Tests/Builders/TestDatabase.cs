using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Web.FollowUps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ServiceInsights.Tests.Builders;

/// <summary>A real SQLite file per test, migrated with the real migrations.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempFolder _folder = new();

    public DatabaseSettings Settings { get; }

    public IDbContextFactory<ServiceInsightsDbContext> Factory { get; }

    /// <param name="pooled">Keep connections in Microsoft.Data.Sqlite's pool, as the app does (tests usually don't, so
    /// that closing the last connection checkpoints the WAL and the folder can be deleted).</param>
    public TestDatabase(bool pooled = false)
    {
        var connectionString = _folder.SqliteConnectionString();
        Settings = DatabaseSettings.Resolve("Sqlite", pooled ? connectionString.Replace(";Pooling=False", "", StringComparison.Ordinal) : connectionString, _folder.Path);
        Factory = new SqliteContextFactory(Settings.ConnectionString);
    }

    public string FilePath => Settings.SqliteFile!;

    public async Task<TestDatabase> MigrateAsync()
    {
        await Factory.MigrateAsync(Settings);
        return this;
    }

    public ServiceInsightsDbContext Open() => Factory.CreateDbContext();

    /// <summary>Imports the committed seed-data/ files in name order, as SeedDataLoader does; throws on any rejected row.</summary>
    public async Task ImportSeedDataAsync()
    {
        var import = new ImportService(Factory, TestClock.Shanghai);
        foreach (var file in Directory.EnumerateFiles(RepositoryFolder.SeedData)
                     .Where(f => ImportFiles.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                     .Order(StringComparer.Ordinal))
        {
            var result = await import.ImportAsync(file, Path.GetFileName(file), new ImportOptions(UserName: "seed-data"));
            if (result.FatalError is not null || result.Rejected > 0)
            {
                throw new InvalidOperationException($"{result.FileName}: {result.FatalError} ({result.Rejected} rejected)");
            }
        }
    }

    /// <summary>Stores records built by the builders, in one save.</summary>
    public async Task AddAsync(params object[] records)
    {
        await using var db = Open();
        db.AddRange(records);
        await db.SaveChangesAsync();
    }

    /// <summary>The metric engine over this database, as the app composes it (Shanghai time, the test clock).</summary>
    public KpiService Kpi() =>
        new(new MetricQuery(Factory, TestClock.Shanghai), new SettingsStore(Factory, TestClock.Shanghai), TestClock.Shanghai);

    /// <summary>The engine behind a fresh cache, as the report queries get it in the app.</summary>
    public KpiCache KpiCache() => new(Kpi(), new MemoryCache(new MemoryCacheOptions()), TestClock.Shanghai, new DataVersion(Factory));

    /// <summary>The follow-up items over this database, as the app composes them (Shanghai time, the test clock).</summary>
    public FollowUpService FollowUps(DepartmentClock? clock = null) => new(Factory, clock ?? TestClock.Shanghai);

    /// <summary>
    /// The background derivation of the follow-up items, as the app composes it; an import through an
    /// <see cref="Data.Import.ImportService"/> given the same <paramref name="version"/> starts it as it commits.
    /// </summary>
    /// <param name="followUps">The service it derives with; <see cref="FollowUps"/> unless a test holds its reads.</param>
    public FollowUpDerivationQueue FollowUpDerivation(DataVersion? version = null, DepartmentClock? clock = null, FollowUpService? followUps = null) =>
        new(followUps ?? FollowUps(clock), version ?? new DataVersion(Factory), clock ?? TestClock.Shanghai, new ConfigurationBuilder().Build(),
            NullLogger<FollowUpDerivationQueue>.Instance);

    public KpiCommentStore KpiComments() => new(Factory, TestClock.Shanghai);

    /// <summary>The callback worklist over this database, as the app composes it.</summary>
    public CallbackWorklistQuery Worklist() =>
        new(new MetricQuery(Factory, TestClock.Shanghai), new SettingsStore(Factory, TestClock.Shanghai), TestClock.Shanghai, Factory);

    public void Dispose() => _folder.Dispose();
}
