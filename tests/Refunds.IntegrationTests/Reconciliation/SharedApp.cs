using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Reconciliation;

/// <summary>
/// One app for every test of a class whose tests do not interfere (each uses connected accounts of its own), started by
/// the first test that asks and stopped after the class: an app start costs seconds, and the suite's time is shared.
/// </summary>
public abstract class SharedApp : IAsyncLifetime
{
    private readonly Lock _gate = new();
    private Task<TestApp>? _app;

    /// <summary>Settings on top of <see cref="TestApp"/>'s.</summary>
    protected abstract IDictionary<string, string?> Overrides { get; }

    public Task<TestApp> GetAsync(AzuriteFixture azurite)
    {
        lock (_gate)
        {
            return _app ??= TestApp.StartAsync(azurite, Overrides);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is { IsCompletedSuccessfully: true } started)
        {
            await (await started).DisposeAsync();
        }
    }
}
