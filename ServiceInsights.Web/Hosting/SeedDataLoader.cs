using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Hosting;

public sealed class SeedDataOptions
{
    /// <summary>On in Development (appsettings.Development.json): fill an empty database from the seed files.</summary>
    public bool Enabled { get; set; }

    /// <summary>The folder with the seed files, relative to the content root (the web project folder).</summary>
    public string Folder { get; set; } = "../seed-data";
}

/// <summary>
/// Fills an empty database (no tickets yet) from <c>seed-data/</c> on start, through the same import as users' files,
/// so the demo shows a realistic year. A file that does not import cleanly is logged, never fatal for the start.
/// </summary>
public static class SeedDataLoader
{
    public static async Task LoadAsync(IServiceProvider services, SeedDataOptions options, string contentRoot, ILogger logger)
    {
        if (!options.Enabled)
        {
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(contentRoot, options.Folder));
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Seed data folder {Folder} not found; the database stays empty", folder);
            return;
        }

        await using (var db = await services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync())
        {
            if (await db.Tickets.AnyAsync())
            {
                return;
            }
        }

        var import = services.GetRequiredService<ImportService>();
        var files = Directory.EnumerateFiles(folder)
            .Where(f => ImportFiles.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var result = await import.ImportAsync(file, Path.GetFileName(file), new ImportOptions(UserName: "seed-data"));
            if (result.FatalError is not null || result.Rejected > 0)
            {
                logger.LogWarning("Seed file {File}: {Status} {Error} ({Rejected} rejected rows, first: {First})", result.FileName, result.Status,
                    result.FatalError, result.Rejected, result.Rejections.FirstOrDefault()?.Describe(chinese: false));
            }
            else
            {
                logger.LogInformation("Seeded {File}: {New} records", result.FileName, result.New);
            }
        }
    }
}
