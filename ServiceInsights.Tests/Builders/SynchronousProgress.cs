namespace ServiceInsights.Tests.Builders;

/// <summary>Reports on the reporting thread itself (<see cref="Progress{T}"/> would post to the pool, late).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
