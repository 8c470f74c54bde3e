namespace ServiceInsights.Tests.Builders;

/// <summary>
/// Stands for a page's context (a Blazor circuit queues its work this way): counts what is posted to it and runs it on the
/// thread pool under itself. Work started from a page that posts nothing here ran off the page's context.
/// </summary>
internal sealed class CountingSynchronizationContext : SynchronizationContext
{
    private int _posts;

    public int Posts => Volatile.Read(ref _posts);

    public override void Post(SendOrPostCallback callback, object? state)
    {
        Interlocked.Increment(ref _posts);
        ThreadPool.QueueUserWorkItem(_ =>
        {
            SetSynchronizationContext(this);
            callback(state);
        });
    }

    /// <summary>Calls <paramref name="start"/> with this context current, as a page's handler would, and returns its task.</summary>
    public T Run<T>(Func<T> start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return start();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
