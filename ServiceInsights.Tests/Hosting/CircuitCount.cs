using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ServiceInsights.Tests.Hosting;

/// <summary>The Blazor circuits open in the app under test: a test waits for 0 to know every page it left was disposed.</summary>
public sealed class CircuitCount : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
