using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refunds.Api.Hosting;
using Refunds.DurableHost.Hosting;

namespace Refunds.Functions.Tests.Hosting;

/// <summary>The local host's <c>Durable</c> section sets the engine's options by name, with the app's own rules on top.</summary>
public sealed class DurableSectionTests
{
    [Fact]
    public void AddRefundsHosting_EmptySection_EngineDefaultsButTheAppsOwn()
    {
        var options = Bind(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        var engine = new DurableHostOptions();

        Assert.Equal("RefundsHub", options.TaskHubName);
        Assert.Equal(engine.WorkerId, options.WorkerId);
        Assert.Equal("UseDevelopmentStorage=true", options.StorageConnectionString);
        Assert.Equal(engine.PartitionCount, options.PartitionCount);
        Assert.Equal(engine.LeaseInterval, options.LeaseInterval);
        Assert.Equal(engine.ControlQueueVisibilityTimeout, options.ControlQueueVisibilityTimeout);
        Assert.Equal(engine.WorkItemQueueVisibilityTimeout, options.WorkItemQueueVisibilityTimeout);
        Assert.True(options.RunWorker);
        Assert.False(engine.DisableExecutionStartedDeduplication);
        Assert.True(options.DisableExecutionStartedDeduplication);
    }

    [Fact]
    public void AddRefundsHosting_EverySettingGiven_EachReachesTheEngine()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Durable:TaskHubName"] = "OtherHub",
            ["Durable:WorkerId"] = "host-a",
            ["Durable:StorageConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=hub",
            ["Durable:PartitionCount"] = "2",
            ["Durable:RunWorker"] = "false",
            ["Durable:MaxQueuePollingInterval"] = "00:00:00.250",
            ["Durable:VisibilityTimeout"] = "00:00:15",
            ["Durable:LeaseAcquireInterval"] = "00:00:02",
            ["Durable:LeaseRenewInterval"] = "00:00:03",
            ["Durable:LeaseInterval"] = "00:00:20",
            ["Durable:PartitionTableOperationTimeout"] = "00:00:06",
            ["Durable:MaxConcurrentActivities"] = "7",
            ["Durable:MaxConcurrentOrchestrations"] = "9",
            ["Durable:ControlQueueBatchSize"] = "16",
            ["Durable:ControlQueueBufferThreshold"] = "40",
            ["Durable:ExtendedSessionsEnabled"] = "true",
            ["Durable:ExtendedSessionIdleTimeout"] = "00:00:12",
            ["Durable:DisableExecutionStartedDeduplication"] = "false",
        });

        Assert.Equal("OtherHub", options.TaskHubName);
        Assert.Equal("host-a", options.WorkerId);
        Assert.Equal("DefaultEndpointsProtocol=http;AccountName=hub", options.StorageConnectionString);
        Assert.Equal(2, options.PartitionCount);
        Assert.False(options.RunWorker);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), options.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.LeaseRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), options.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(6), options.PartitionTableOperationTimeout);
        Assert.Equal(7, options.MaxConcurrentActivities);
        Assert.Equal(9, options.MaxConcurrentOrchestrations);
        Assert.Equal(16, options.ControlQueueBatchSize);
        Assert.Equal(40, options.ControlQueueBufferThreshold);
        Assert.True(options.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(12), options.ExtendedSessionIdleTimeout);
        Assert.False(options.DisableExecutionStartedDeduplication);
    }

    [Fact]
    public void AddRefundsHosting_RunWorkerOff_NoTimersRegistered()
    {
        var services = Services(new Dictionary<string, string?> { ["Durable:RunWorker"] = "false" });

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(ReconcilerService));
        Assert.Contains(Services(new Dictionary<string, string?>()), d => d.ImplementationType == typeof(ReconcilerService));
    }

    private static DurableHostOptions Bind(Dictionary<string, string?> settings)
    {
        using var provider = Services(settings).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DurableHostOptions>>().Value;
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddRefundsHosting(configuration);
        return services;
    }
}
