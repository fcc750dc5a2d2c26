using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Refunds.DurableHost.Hosting;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests.Support;

/// <summary>A generic host running the durable host with the test workflow classes on Azurite.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

    private TestHost(IHost host) => _host = host;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => _host.Services;

    public static async Task<TestHost> StartAsync(AzuriteFixture azurite, string taskHub, Action<DurableHostOptions>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<RefundIds>();
        builder.Services.AddScoped<ScopeProbe>();
        builder.Services.AddDurableHost(
            options =>
            {
                options.TaskHubName = taskHub;
                options.StorageConnectionString = azurite.ConnectionString;

                // One control queue: fewer queues to poll on a shared 2-core machine, and ordering is not under test.
                options.PartitionCount = 1;
                configure?.Invoke(options);
            },
            tasks => tasks
                .AddOrchestrator<RefundOrchestrator>()
                .AddOrchestrator<ApprovalOrTimeoutOrchestrator>()
                .AddOrchestrator<FlakyOrchestrator>()
                .AddOrchestrator<CrashOrchestrator>()
                .AddOrchestrator<ProbedOrchestrator>()
                .AddOrchestrator<LateEventOrchestrator>()
                .AddActivity<CreateStripeRefundActivity>()
                .AddActivity<ReopenInvoicesActivity>()
                .AddActivity<FlakyActivity>()
                .AddActivity<CrashProneActivity>()
                .AddActivity<ProbedActivity>()
                .AddActivity<GatedActivity>());
        var host = builder.Build();
        await host.StartAsync();
        return new TestHost(host);
    }

    /// <summary>Graceful: in-flight work finishes, then the worker stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>
    /// As close to a crash as one process gets: the container is disposed without a stop, so the worker is stopped
    /// forcibly and work in flight is abandoned where it stands (left to its visibility timeout).
    /// </summary>
    public async Task CrashAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
