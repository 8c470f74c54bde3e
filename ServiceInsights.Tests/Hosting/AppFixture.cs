namespace ServiceInsights.Tests.Hosting;

/// <summary>One app per test class: start-up (migrations, demo users) is paid once.</summary>
public sealed class AppFixture : IDisposable
{
    public AppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
