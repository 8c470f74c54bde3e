using System.Diagnostics;
using System.Runtime;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// Waits until the runtime has stopped compiling: the methods start-up made hot (the migration, EF Core's model, the data
/// generator) are promoted to optimized code by one background thread, first in, first out, and code run meanwhile waits
/// behind them in unoptimized form. A server that takes an upload has long finished that; a benchmark that starts its
/// clock right after start-up would measure the queue, not the import.
/// </summary>
internal static class RuntimeSettle
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns once no method was compiled for a whole second (at most <paramref name="limit"/>, default 60 s).</summary>
    public static async Task<(double Seconds, long Methods)> WaitAsync(TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        var first = JitInfo.GetCompiledMethodCount();
        var last = first;
        var quiet = 0;
        while (quiet < 4 && watch.Elapsed < (limit ?? TimeSpan.FromSeconds(60)))
        {
            await Task.Delay(Poll);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        return (watch.Elapsed.TotalSeconds, last - first);
    }
}
