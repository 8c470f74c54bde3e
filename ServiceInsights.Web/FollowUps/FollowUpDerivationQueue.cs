using ServiceInsights.Data.Domain;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.FollowUps;

/// <summary>
/// Derives the follow-up items (<see cref="FollowUpService.SyncAsync"/>) in the background, so that no reader does: at start,
/// at once after a change committed in this process (an import; <see cref="DataVersion.Changed"/>), and on a timer every
/// <c>FollowUps:PollSeconds</c> (default 30) when the data changed in another instance or <see cref="ResyncEvery"/> has
/// passed (time alone makes a complaint overdue). One derivation runs at a time; asked for while one runs, one more runs
/// after it (it may have read the records before the change). Pages show "正在更新" while <see cref="IsUpdating"/>; a
/// download waits for it (<see cref="IdleAsync"/>). Decision 034.
/// </summary>
public sealed class FollowUpDerivationQueue : BackgroundService
{
    /// <summary>The longest the items go without a derivation: time alone makes a complaint overdue past its promise.</summary>
    public static readonly TimeSpan ResyncEvery = TimeSpan.FromMinutes(5);

    private readonly FollowUpService _followUps;
    private readonly DataVersion _dataVersion;
    private readonly DepartmentClock _clock;
    private readonly IConfiguration _configuration;
    private readonly ILogger<FollowUpDerivationQueue> _logger;
    private readonly Lock _gate = new();
    private CancellationToken _stopping;
    private Task? _running;
    private TaskCompletionSource? _next;
    private (long Version, DateTime At)? _derived;

    public FollowUpDerivationQueue(FollowUpService followUps, DataVersion dataVersion, DepartmentClock clock, IConfiguration configuration,
        ILogger<FollowUpDerivationQueue> logger)
    {
        (_followUps, _dataVersion, _clock, _configuration, _logger) = (followUps, dataVersion, clock, configuration, logger);
        _dataVersion.Changed += OnDataChanged;
    }

    /// <summary>True while a derivation is waiting or running in this process.</summary>
    public bool IsUpdating
    {
        get
        {
            lock (_gate)
            {
                return _running is not null;
            }
        }
    }

    /// <summary>
    /// Reads without waiting for a derivation: the value, and whether one was under way before or after the read (a page
    /// then says "updating": what it read may lack the items of the last import).
    /// </summary>
    public async Task<(T Value, bool Updating)> ReadAsync<T>(Func<Task<T>> read)
    {
        var updating = IsUpdating;
        var value = await read();
        return (value, updating | IsUpdating);
    }

    /// <summary>Derives in the background; the task ends when a derivation that started after this call has finished.</summary>
    public Task RefreshAsync()
    {
        lock (_gate)
        {
            if (_next is null)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                // On the thread pool, not on the caller's context: a page that asks must not run the derivation on its circuit.
                _running ??= Task.Run(RunAsync);
            }

            return _next.Task;
        }
    }

    /// <summary>Waits until no derivation is waiting or running.</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task? running;
            lock (_gate)
            {
                running = _running;
            }

            if (running is null)
            {
                return;
            }

            await running;
        }
    }

    /// <summary>
    /// The timer's check: derives when the data changed since the last derivation here (an import or a setting in another
    /// instance), or when <see cref="ResyncEvery"/> has passed since it.
    /// </summary>
    public Task CheckAsync()
    {
        (long Version, DateTime At)? derived;
        lock (_gate)
        {
            derived = _derived;
        }

        return derived is null || derived.Value.Version != _dataVersion.Current || _clock.UtcNow - derived.Value.At >= ResyncEvery
            ? RefreshAsync()
            : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _ = RefreshAsync();
        var interval = TimeSpan.FromSeconds(Math.Max(1, _configuration.GetValue("FollowUps:PollSeconds", 30)));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                _ = CheckAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Checking whether the follow-up items need deriving failed; trying again in {Interval}", interval);
            }
        }
    }

    public override void Dispose()
    {
        _dataVersion.Changed -= OnDataChanged;
        base.Dispose();
    }

    private void OnDataChanged() => _ = RefreshAsync();

    private async Task RunAsync()
    {
        TaskCompletionSource run;
        lock (_gate)
        {
            run = _next!;
            _next = null;
        }

        while (true)
        {
            await DeriveAsync();
            lock (_gate)
            {
                // Idle before the callers are told: whoever awaited a refresh sees IsUpdating false unless more was asked for.
                var next = _next;
                _next = null;
                if (next is null)
                {
                    _running = null;
                }

                run.SetResult();
                if (next is null)
                {
                    return;
                }

                run = next;
            }
        }
    }

    private async Task DeriveAsync()
    {
        try
        {
            // The version and the time are read first: a change committed during the run is derived again.
            var version = _dataVersion.Current;
            var at = _clock.UtcNow;
            var opened = await _followUps.SyncAsync(_stopping);
            lock (_gate)
            {
                _derived = (version, at);
            }

            if (opened > 0)
            {
                _logger.LogInformation("Opened {Count} follow-up items from the records", opened);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Deriving the follow-up items failed; the timer tries again");
        }
    }
}
