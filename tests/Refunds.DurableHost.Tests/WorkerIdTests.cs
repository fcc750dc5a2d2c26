using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Refunds.DurableHost.Hosting;
using Refunds.DurableHost.Tests.Support;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests;

/// <summary>
/// The worker id names the partition leases a host holds. Two processes on one machine must not share it, or each
/// takes every lease as its own and both run every partition.
/// </summary>
[Collection(DurableHostCollection.Name)]
public sealed class WorkerIdTests(DurableHostFixture hosts)
{
    [Fact]
    public void WorkerId_NotSet_IsMachineNameAndProcessId()
    {
        var options = new DurableHostOptions();

        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", options.WorkerId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddDurableHost_EmptyWorkerId_RefusesToBuildTheService(string workerId)
    {
        using var services = new ServiceCollection()
            .AddDurableHost(
                o =>
                {
                    o.StorageConnectionString = "UseDevelopmentStorage=true";
                    o.WorkerId = workerId;
                },
                _ => { })
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<AzureStorageOrchestrationService>());
        Assert.Contains(nameof(DurableHostOptions.WorkerId), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WorkerIdSet_PartitionLeaseIsHeldUnderThatName()
    {
        var hub = AzuriteFixture.NewName("worker");
        const string workerId = "refunds-host-a";
        await using var host = await TestHost.StartAsync(hosts.Azurite, hub, o => o.WorkerId = workerId);

        IReadOnlyDictionary<string, string?> owners = new Dictionary<string, string?>();
        await Poll.UntilAsync(
            async () =>
            {
                owners = await PartitionLeases.OwnersAsync(hosts.Azurite.ConnectionString, hub);
                return owners.Count == 1 && owners.Values.All(o => !string.IsNullOrEmpty(o));
            },
            TestHost.Patience,
            "the host to take the hub's one partition lease",
            TimeSpan.FromMilliseconds(200));

        Assert.Equal(workerId, Assert.Single(owners).Value);
    }
}
