using Microsoft.DurableTask.Client;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// The <see cref="DurableTaskClient"/> the application signals through. The local host has one for the process; under
/// Azure Functions a client exists only as a trigger's <c>[DurableClient]</c> binding, so each function that may
/// signal puts its bound client in place for the duration of its call with <see cref="Use"/>.
/// </summary>
public sealed class DurableClientAccessor(DurableTaskClient? processClient = null)
{
    private static readonly AsyncLocal<DurableTaskClient?> Bound = new();

    public DurableTaskClient Client =>
        Bound.Value ?? processClient
        ?? throw new InvalidOperationException("No DurableTaskClient: a Functions trigger that signals orchestrations must bind [DurableClient] and call DurableClientAccessor.Use.");

    public static IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Bound.Value;
        Bound.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Bound.Value = previous;
    }
}
