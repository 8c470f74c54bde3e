using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// The KPI reports the dashboard shows (a month and the 11 before it for the sparklines), kept for a few minutes so a
/// page view does not evaluate 12 months of records every time. The key is the month and the as-of rounded down to the
/// minute. A month whose end lies more than <see cref="Grace"/> before "now" is final enough that the default as-of
/// ("now") is not part of its key: every view in the next minutes reuses it. Every entry expires after
/// <see cref="Lifetime"/>; the key carries <see cref="DataVersion"/>, so a committed import or a changed setting or calendar
/// shows at once (docs/decisions/008), in another app instance on the database within a second.
/// Requests for the same key while it is computed share the one run (single flight), and each entry has a
/// <see cref="SizeOf">size</see>: given a cache with a size limit, many distinct as-of values evict the oldest reports
/// instead of growing the process.
/// </summary>
public sealed class KpiCache(KpiService kpi, IMemoryCache cache, DepartmentClock clock, DataVersion dataVersion)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The size of a report without verdicts; a report's size is this plus its verdicts.</summary>
    public const long ReportSize = 1000;

    /// <summary>The default size limit of the app's cache: ~four months of the 1M-ticket bench database in full.</summary>
    public const long DefaultSizeLimit = 3_000_000;

    private readonly ConcurrentDictionary<KpiCacheKey, Lazy<Task<KpiReport>>> _running = new();

    /// <summary>The longest rule window after a month (callbacks within 31 days of resolution) and a few days more.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(35);

    /// <param name="asOfLocal">The as-of in local time; now when null.</param>
    public Task<KpiReport> GetAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default) =>
        GetAsync(KeyOf(month, asOfLocal), asOfLocal, cancellationToken);

    /// <summary>
    /// The month in full and the eleven before it as summaries (<see cref="KpiReport.Summary"/>: every rule's counts and
    /// rate, no verdicts), oldest first, all with the same as-of: the trend needs only the rates, and a month's verdicts are
    /// most of its memory (~730,000 on the 1M-ticket bench database).
    /// </summary>
    public async Task<IReadOnlyList<KpiReport>> GetYearAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var keys = Enumerable.Range(0, 12)
            .Select(i => KeyOf(ReportMonth.From(month.FirstDay.AddMonths(i - 11)), asOfLocal) with { Summary = i < 11 })
            .ToList();
        var reports = new List<KpiReport>();
        foreach (var key in keys)
        {
            // One after the other: two cores, one SQLite file; the cache makes the second view cheap.
            reports.Add(await GetAsync(key, asOfLocal, cancellationToken));
        }

        // A cold year can take longer than Lifetime on a large database (12 runs of a few seconds each on the 1M-ticket
        // bench): the months computed first would have expired when the year is complete, and the next view or download
        // would compute them again. The year's months live Lifetime from the year's completion.
        foreach (var (key, report) in keys.Zip(reports))
        {
            Keep(key, report);
        }

        return reports;
    }

    private async Task<KpiReport> GetAsync(KpiCacheKey key, DateTime? asOfLocal, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out KpiReport? cached))
        {
            return cached!;
        }

        // One run per key at a time; it is not cancelled when one of its waiters goes away (the others still want it).
        var run = _running.GetOrAdd(key, k => new Lazy<Task<KpiReport>>(() => RunAsync(k, asOfLocal)));
        return await run.Value.WaitAsync(cancellationToken);
    }

    private async Task<KpiReport> RunAsync(KpiCacheKey key, DateTime? asOfLocal)
    {
        try
        {
            // An explicit as-of counts to the minute, as the key does.
            var asOf = asOfLocal is null ? null : key.AsOf;
            KpiReport report;
            if (!key.Summary)
            {
                report = await kpi.RunAsync(key.Month, asOf);
            }
            else
            {
                // A summary of a month already held in full costs nothing; otherwise the month is evaluated for its counts only.
                report = cache.TryGetValue(key with { Summary = false }, out KpiReport? full)
                    ? full!.Summary()
                    : await kpi.SummarizeAsync(key.Month, asOf);
            }

            Keep(key, report);
            return report;
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }

    private void Keep(KpiCacheKey key, KpiReport report) =>
        cache.Set(key, report, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = SizeOf(report) });

    /// <summary>A report's weight in the cache: its verdicts (most of its memory) and a fixed part for the rest.</summary>
    public static long SizeOf(KpiReport report) => ReportSize + report.Results.Sum(r => (long)r.Verdicts.Count);

    internal KpiCacheKey KeyOf(ReportMonth month, DateTime? asOfLocal)
    {
        var now = clock.LocalNow;
        if (asOfLocal is null && month.LastDay.ToDateTime(TimeOnly.MaxValue) + Grace < now)
        {
            return new KpiCacheKey(month, null, dataVersion.Current);
        }

        var asOf = asOfLocal ?? now;
        return new KpiCacheKey(month, new DateTime(asOf.Ticks - asOf.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Unspecified), dataVersion.Current);
    }
}

/// <summary>
/// A cached report: its month, its as-of minute (null: a settled past month at "now"), the data version it was computed on
/// and whether it is a summary without verdicts (<see cref="KpiReport.Summary"/>).
/// </summary>
internal sealed record KpiCacheKey(ReportMonth Month, DateTime? AsOf, long DataVersion, bool Summary = false);
