namespace ServiceInsights.Data.Persistence;

/// <summary>
/// A counter that moves whenever what the reports are computed from changes in this process: a committed import or a
/// changed setting. Caches of computed reports put it in their keys, so they never show figures older than the data.
/// </summary>
public sealed class DataVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}
