using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Summaries;

namespace ServiceInsights.Web.Summaries;

/// <summary>
/// Recomputes open months' stored summaries in the background, one month at a time (two cores, one database): when a
/// reader finds a month missing or stale, and when the source (imports, settings) moves in any instance — checked every
/// <c>Summaries:PollSeconds</c> (default 30). A month asked for twice while it runs is computed once.
/// </summary>
public sealed class MonthSummaryQueue(KpiService kpi, MonthSummaryStore store, MonthArchive archive, IConfiguration configuration,
    ILogger<MonthSummaryQueue> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ReportMonth, Task> _running = [];
    private readonly SemaphoreSlim _one = new(1, 1);
    private CancellationToken _stopping;
    private string? _lastSource;

    /// <summary>True while a month is waiting or being computed.</summary>
    public bool IsUpdating(ReportMonth month)
    {
        lock (_gate)
        {
            return _running.ContainsKey(month);
        }
    }

    /// <summary>Computes the month's summary in the background (once, however often asked); the task ends when it is stored.</summary>
    public Task RefreshAsync(ReportMonth month)
    {
        lock (_gate)
        {
            if (!_running.TryGetValue(month, out var task))
            {
                // On the thread pool, not on the caller's context: a page that asks must not compute months on its circuit.
                task = Task.Run(() => RunAsync(month));
                _running[month] = task;
            }

            return task;
        }
    }

    /// <summary>Waits until nothing is waiting or being computed.</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task[] tasks;
            lock (_gate)
            {
                tasks = [.. _running.Values];
            }

            if (tasks.Length == 0)
            {
                return;
            }

            await Task.WhenAll(tasks);
        }
    }

    /// <summary>When the source moved since the last check, every stored open month is recomputed.</summary>
    public async Task CheckSourceAsync(CancellationToken cancellationToken = default)
    {
        var source = await store.SourceAsync(cancellationToken);
        var moved = _lastSource is not null && _lastSource != source;
        _lastSource = source;
        if (moved)
        {
            foreach (var month in await store.StoredMonthsAsync(cancellationToken))
            {
                _ = RefreshAsync(month);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Summaries:PollSeconds", 30)));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await CheckSourceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking the summaries' source failed; trying again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task RunAsync(ReportMonth month)
    {
        try
        {
            await _one.WaitAsync(_stopping);
            try
            {
                // A closed month's figures are its close's: nothing to store.
                if (await archive.FindAsync(month, _stopping) is null)
                {
                    // The source is read first: an import during the run leaves the row stale, so it is computed again.
                    var source = await store.SourceAsync(_stopping);
                    await store.SaveAsync(await kpi.SummarizeAsync(month, null, _stopping), source, _stopping);
                }
            }
            finally
            {
                _one.Release();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Computing the stored summary of {Month} failed", month);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(month);
            }
        }
    }
}

/// <summary>
/// The twelve months of a trend, oldest first; whether some of them are being brought up to date; and the months among them
/// without figures yet because they are being computed (each rule's rate is null there: not "no data", a page says
/// 正在计算).
/// </summary>
public sealed record TrendYear(IReadOnlyList<KpiReport> Reports, bool Updating, IReadOnlyList<ReportMonth> Computing);

/// <summary>
/// The twelve months a trend shows: the month itself from <see cref="KpiCache"/> (the one month a request evaluates), the
/// eleven before it from the stored summaries (a closed month's frozen figures, an open month's stored row). A missing or
/// stale month is recomputed in the background (<see cref="MonthSummaryQueue"/>); meanwhile a page shows the stored row, or
/// an empty month, and says "正在更新". A download waits for missing and stale months instead, so a file never has a gap
/// nor figures from before the last import.
/// With an explicit as-of the stored rows (computed at "now") do not apply: the year is evaluated at that as-of.
/// </summary>
public sealed class MonthSummaries(KpiCache cache, MonthSummaryStore store, MonthArchive archive, MonthSummaryQueue queue, DepartmentClock clock)
{
    /// <param name="waitForMissing">A download: wait for months without a stored summary rather than leave them empty.</param>
    /// <param name="monthAsOfLocal">Without <paramref name="asOfLocal"/>: the as-of of the month itself only (a closed month's
    /// live figures as of its close, beside the frozen ones); now when null.</param>
    public async Task<TrendYear> YearAsync(ReportMonth month, DateTime? asOfLocal, bool waitForMissing, CancellationToken cancellationToken = default,
        DateTime? monthAsOfLocal = null)
    {
        if (asOfLocal is not null)
        {
            return new TrendYear(await cache.GetYearAsync(month, asOfLocal, cancellationToken), false, []);
        }

        var shown = await cache.GetAsync(month, monthAsOfLocal, cancellationToken);
        var months = Enumerable.Range(0, 11).Select(i => ReportMonth.From(month.FirstDay.AddMonths(i - 11))).ToList();
        var (reports, updating, queued) = await ReadAsync(months, cancellationToken);
        // A download waits for the months it would otherwise print missing or stale (computed before the last import or
        // setting change): a file keeps its figures. A month whose run began before a change is queued again; three rounds
        // at most, so a month that keeps failing cannot hold the download forever (it then prints what is stored).
        for (var round = 0; waitForMissing && queued.Count > 0 && round < 3; round++)
        {
            await Task.WhenAll(queued.Select(queue.RefreshAsync));
            (reports, updating, queued) = await ReadAsync(months, cancellationToken);
        }

        // ReadAsync sent every month it found no figures for to the queue: each missing month is being computed.
        var missing = months.Where(m => !reports.ContainsKey(m)).ToList();
        return new TrendYear([.. months.Select(m => reports.GetValueOrDefault(m) ?? Empty(m, shown)), shown], updating, missing);
    }

    /// <summary>The stored figures of the months that have them; a month missing or stale is sent to the queue.</summary>
    /// <returns>The figures, whether some month is being brought up to date, and the months this read sent to the queue.</returns>
    private async Task<(IReadOnlyDictionary<ReportMonth, KpiReport> Reports, bool Updating, IReadOnlyList<ReportMonth> Queued)> ReadAsync(
        IReadOnlyList<ReportMonth> months, CancellationToken cancellationToken)
    {
        var reports = new Dictionary<ReportMonth, KpiReport>(await archive.FrozenReportsAsync(months, cancellationToken));
        var open = months.Where(m => !reports.ContainsKey(m)).ToList();
        var stored = await store.ReadAsync(open, cancellationToken);
        var source = await store.SourceAsync(cancellationToken);
        var updating = false;
        var queued = new List<ReportMonth>();
        foreach (var month in open)
        {
            var row = stored.GetValueOrDefault(month);
            if (row is not null)
            {
                reports[month] = row.Report;
            }

            if (row is null || !IsFresh(month, row, source))
            {
                _ = queue.RefreshAsync(month);
                queued.Add(month);
                updating = true;
            }
            else if (queue.IsUpdating(month))
            {
                updating = true;
            }
        }

        return (reports, updating, queued);
    }

    /// <summary>
    /// Fresh: computed from the current source, and either settled (its as-of lies <see cref="KpiCache.Grace"/> past the
    /// month, so time no longer moves its verdicts) or computed within <see cref="KpiCache.Lifetime"/>.
    /// </summary>
    private bool IsFresh(ReportMonth month, StoredSummary row, string source) =>
        row.Source == source
        && (month.LastDay.ToDateTime(TimeOnly.MaxValue) + KpiCache.Grace < row.Report.AsOf || clock.UtcNow - row.AsOfUtc < KpiCache.Lifetime);

    /// <summary>A month not computed yet: every rule without a figure (<see cref="TrendYear.Computing"/> names it).</summary>
    private static KpiReport Empty(ReportMonth month, KpiReport shown) =>
        new(month, shown.AsOf, shown.CalendarComplete, [.. shown.Results.Select(r => r with { Eligible = 0, Met = 0, Pending = 0, Rate = null, Verdicts = [] })]);
}
