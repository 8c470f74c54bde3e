using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Import;

/// <summary>
/// One import at a time across every app instance (and CLI) on the database: a lease row taken with one conditional
/// UPDATE, renewed while the import runs and let go when it ends. An instance that dies keeps it only until it expires.
/// The in-process queue (the web app's import gate) stays in front of it; this is what keeps two processes apart.
/// </summary>
public sealed class ImportLease(IDbContextFactory<ServiceInsightsDbContext> factory, TimeProvider time)
{
    public const string Name = "import";

    /// <summary>How long a lease lasts without renewal: a process killed mid-import blocks the others at most this long.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Taking, renewing and letting go wait this long for the database at most. A SQLite database busy for longer is being
    /// written by an import that holds its write lock: that is "another import is running" too.
    /// </summary>
    private const int CommandTimeoutSeconds = 5;

    /// <summary>Who an import of this process runs for, as another instance's message names it.</summary>
    public static string Holder(string userName) => $"{userName} @ {HolderProcess(Environment.MachineName, Environment.ProcessId.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>How a holder names its machine and process ("host (process 4242)"): what finds the lease of a gone process.</summary>
    public static string HolderProcess(string machine, string processId) => $"{machine} (process {processId})";

    /// <summary>Takes the lease for <paramref name="holder"/> (who runs the import, as the others' message names it).</summary>
    /// <returns>The lease; dispose it when the import has ended.</returns>
    /// <exception cref="ImportBusyException">Another import holds the lease.</exception>
    public async Task<IAsyncDisposable> AcquireAsync(string holder, CancellationToken cancellationToken = default)
    {
        // The holder names the run, so that only this run renews and lets go of it.
        var mine = $"{holder} · {Guid.NewGuid():N}"[..Math.Min(300, holder.Length + 35)];
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await OpenAsync(cancellationToken);
        try
        {
            var taken = await db.Leases
                .Where(l => l.Name == Name && l.ExpiresAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, mine).SetProperty(l => l.AcquiredAt, now)
                    .SetProperty(l => l.ExpiresAt, now + Duration), cancellationToken);
            if (taken == 1)
            {
                return new Held(this, mine);
            }

            var current = await db.Leases.AsNoTracking().SingleAsync(l => l.Name == Name, cancellationToken);
            throw new ImportBusyException(HolderName(current.Holder), current.AcquiredAt);
        }
        catch (DbException ex) when (IsBusy(ex))
        {
            throw new ImportBusyException(null, null);
        }
    }

    private TimeProvider Time => time;

    private async Task<ServiceInsightsDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        return db;
    }

    private async Task<bool> RenewAsync(string mine)
    {
        var expires = time.GetUtcNow().UtcDateTime + Duration;
        await using var db = await OpenAsync(CancellationToken.None);
        return await db.Leases.Where(l => l.Name == Name && l.Holder == mine)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires)) == 1;
    }

    private async Task ReleaseAsync(string mine)
    {
        var past = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var db = await OpenAsync(CancellationToken.None);
        await db.Leases.Where(l => l.Name == Name && l.Holder == mine)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "").SetProperty(l => l.ExpiresAt, past));
    }

    /// <summary>The holder without the run's id.</summary>
    private static string HolderName(string holder) => holder.LastIndexOf(" · ", StringComparison.Ordinal) is var at and > 0 ? holder[..at] : holder;

    /// <summary>SQLite's SQLITE_BUSY (5) and SQLITE_LOCKED (6): the database is being written by someone else.</summary>
    private static bool IsBusy(DbException ex) => ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>A lease held by this run: renewed in the background until disposed.</summary>
    private sealed class Held : IAsyncDisposable
    {
        private readonly ImportLease _lease;
        private readonly string _mine;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Held(ImportLease lease, string mine)
        {
            (_lease, _mine) = (lease, mine);
            _renewing = RenewLoopAsync();
        }

        private async Task RenewLoopAsync()
        {
            using var timer = new PeriodicTimer(RenewEvery, _lease.Time);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await _lease.RenewAsync(_mine);
                    }
                    catch (DbException)
                    {
                        // Busy (our own import may hold SQLite's write lock): the next tick tries again, long before it expires.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Let go.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try
            {
                await _lease.ReleaseAsync(_mine);
            }
            catch (DbException)
            {
                // The database is unreachable or busy: the lease runs out on its own after Duration.
            }
        }
    }
}

/// <summary>Another import holds the lease; nothing of this one ran.</summary>
public sealed class ImportBusyException(string? holder, DateTime? since)
    : Exception(holder is null
        ? "Another import is running (the database is being written); try again when it has finished."
        : $"Another import is running ({holder}, since {since:yyyy-MM-dd HH:mm:ss} UTC); try again when it has finished.")
{
    /// <summary>Who holds the lease, or null when only the database's write lock says an import is running.</summary>
    public string? Holder { get; } = holder;

    /// <summary>Since when (UTC).</summary>
    public DateTime? Since { get; } = since;
}
