using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Import;

/// <summary>
/// Undoes, while the app runs, an import into the SQLite file whose process ended before it finished (killed, or its
/// machine lost), checked every <c>Import:RecoverySeconds</c> (default 10): without it this instance's readers would see the
/// dead import's committed slices until some instance or verb starts (decisions 030 and 036). A process of this machine is gone as
/// soon as it has ended; one of another machine once the import lease has run out. Each check is one small read of the
/// running imports; the undo writes only when there is one to undo, and moves the data version, so the caches recompute.
/// Nothing to do on SQL Server (its import is one transaction).
/// </summary>
public sealed class ImportRecovery(IDbContextFactory<ServiceInsightsDbContext> factory, DatabaseSettings settings, IConfiguration configuration,
    ILogger<ImportRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SqliteFile is null)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Import:RecoverySeconds", 10)));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await factory.RecoverImportsAsync(stoppingToken) is > 0 and var undone)
                {
                    logger.LogWarning("Undid {Count} import(s) whose process ended before it finished", undone);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking for imports whose process ended failed; trying again in {Interval}", interval);
            }
        }
    }
}
