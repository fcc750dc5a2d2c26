using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Listing;

/// <summary>
/// One app for a test class whose tests do not interfere, started and seeded once by the first test that asks (xunit
/// cannot hand the collection's Azurite to a class fixture's constructor), and disposed with the class.
/// </summary>
public abstract class SharedAppFixture : IAsyncLifetime
{
    private readonly Lock _gate = new();
    private Task? _started;
    private TestApp? _app;

    public TestApp App => _app ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Settings over the test app's defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task StartAsync(AzuriteFixture azurite)
    {
        lock (_gate)
        {
            _started ??= StartOnceAsync(azurite);
        }

        await _started;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    protected abstract Task SeedAsync(TestApp app);

    private async Task StartOnceAsync(AzuriteFixture azurite)
    {
        _app = await TestApp.StartAsync(azurite, Settings);
        await SeedAsync(_app);
    }
}
