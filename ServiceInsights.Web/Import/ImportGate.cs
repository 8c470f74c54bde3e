namespace ServiceInsights.Web.Import;

/// <summary>
/// One import (or preview) at a time for the whole app. Both write in one long transaction; with SQLite a second
/// writer would wait on the database lock until its command timeout and then fail, so it waits here instead and the
/// page says it is queued.
/// </summary>
public sealed class ImportGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    /// <summary>True when nothing is running: entering would not wait.</summary>
    public bool IsFree => _semaphore.CurrentCount > 0;

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
