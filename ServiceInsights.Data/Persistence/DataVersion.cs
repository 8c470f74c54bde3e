using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Persistence;

/// <summary>
/// A counter in the database that moves whenever what the reports are computed from changes: a committed import or a
/// changed setting, in this app instance or in any other on the same database. Caches of computed reports and settings
/// put it in their keys, so they never show figures older than the data. A change made here shows at once; one made by
/// another instance within <see cref="RefreshEvery"/>, the longest a read is reused.
/// </summary>
public sealed class DataVersion(IDbContextFactory<ServiceInsightsDbContext> factory)
{
    /// <summary>How long a value read from the database is reused: one small SELECT a second at most, however busy the app.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private long _value;
    private long? _readAt;

    public long Current
    {
        get
        {
            lock (_lock)
            {
                var now = Environment.TickCount64;
                if (_readAt is not { } readAt || now - readAt >= RefreshEvery.TotalMilliseconds)
                {
                    using var db = factory.CreateDbContext();
                    _value = db.DataVersions.AsNoTracking().Where(v => v.Id == StoredDataVersion.SingleId).Select(v => v.Value).Single();
                    _readAt = now;
                }

                return _value;
            }
        }
    }

    /// <summary>
    /// Raised in this process after <see cref="Bump"/>, on the thread that committed the change: work that follows a change
    /// (deriving the follow-up items after an import) starts here at once. Other instances see the change by polling
    /// <see cref="Current"/>.
    /// </summary>
    public event Action? Changed;

    /// <summary>Counts a change (after it was committed); the next read here sees it.</summary>
    public void Bump()
    {
        using var db = factory.CreateDbContext();
        db.DataVersions.Where(v => v.Id == StoredDataVersion.SingleId).ExecuteUpdate(s => s.SetProperty(v => v.Value, v => v.Value + 1));
        lock (_lock)
        {
            _readAt = null;
        }

        Changed?.Invoke();
    }
}
