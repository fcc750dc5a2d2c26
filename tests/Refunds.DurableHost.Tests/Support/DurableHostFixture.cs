using System.Collections.Concurrent;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests.Support;

/// <summary>
/// Azurite plus one host per test class, each on its own task hub (the class name and a per-run suffix), started on
/// first use and stopped at the end. Sharing matters: DTF's graceful stop alone takes about 2 s per host.
/// </summary>
public sealed class DurableHostFixture : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, Lazy<Task<TestHost>>> _hosts = new();

    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The shared host of <typeparamref name="TTestClass"/>.</summary>
    internal Task<TestHost> HostFor<TTestClass>() =>
        _hosts.GetOrAdd(typeof(TTestClass).Name, name => new Lazy<Task<TestHost>>(() => TestHost.StartAsync(Azurite, name + _run))).Value;

    public Task InitializeAsync() => Azurite.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_hosts.Values.Where(h => h.IsValueCreated).Select(async h => await (await h.Value).DisposeAsync()));
        await Azurite.DisposeAsync();
    }
}
