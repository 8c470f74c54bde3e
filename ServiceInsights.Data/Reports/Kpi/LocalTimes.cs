using ServiceInsights.Data.Domain;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// UTC → local through <see cref="DepartmentClock"/>, remembered per UTC quarter-hour: an offset only changes on a
/// quarter-hour, and a month's hundreds of thousands of timestamps fall in a few thousand of them. Not thread-safe: one
/// per query read.
/// </summary>
internal sealed class LocalTimes(DepartmentClock clock)
{
    private static readonly long Quarter = TimeSpan.FromMinutes(15).Ticks;
    private readonly Dictionary<long, TimeSpan> _offsets = [];

    public DateTime this[DateTime utc]
    {
        get
        {
            var key = utc.Ticks / Quarter;
            if (!_offsets.TryGetValue(key, out var offset))
            {
                var start = new DateTime(key * Quarter, DateTimeKind.Utc);
                offset = clock.ToLocal(start) - start;
                _offsets[key] = offset;
            }

            return DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified);
        }
    }

    /// <summary>The conversion as a function, for <see cref="Persistence.RowReader"/>.</summary>
    public static Func<DateTime, DateTime> Of(DepartmentClock clock)
    {
        var times = new LocalTimes(clock);
        return utc => times[utc];
    }
}
