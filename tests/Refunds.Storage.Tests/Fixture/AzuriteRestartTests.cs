using System.Collections.Concurrent;
using Refunds.Storage.Hosting;
using Refunds.Storage.Queues;
using Refunds.TestSupport;
using Xunit.Abstractions;

namespace Refunds.Storage.Tests.Fixture;

/// <summary>Owns its Azurite (not the collection's), because restarting it would pull the rug from other tests.</summary>
public sealed class AzuriteRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task RestartAsync_Running_ComesBackOnTheSamePortsWithoutData()
    {
        var ports = (_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort);
        var queues = StorageClientFactory.CreateQueueServiceClient(new StorageOptions { ConnectionString = _azurite.ConnectionString });
        var queue = queues.GetQueueClient(AzuriteFixture.NewName("restart"));
        await queue.CreateAsync();

        await _azurite.RestartAsync();

        Assert.True(_azurite.IsRunning);
        Assert.Equal(ports, (_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort));
        Assert.False((await queue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task StopAsync_Twice_DoesNothingTheSecondTime()
    {
        await _azurite.StopAsync();
        await _azurite.StopAsync();

        Assert.False(_azurite.IsRunning);
        await _azurite.StartAsync();
        Assert.True(_azurite.IsRunning);
    }

    [Fact]
    public async Task QueueListener_StorageRestarted_RecoversAndHandlesNewMessages()
    {
        var queues = StorageClientFactory.CreateQueueServiceClient(new StorageOptions { ConnectionString = _azurite.ConnectionString });
        var name = AzuriteFixture.NewName("chaos");
        await queues.GetQueueClient(name).CreateAsync();
        var seen = new ConcurrentQueue<string>();
        var logger = new TestOutputLogger<QueueListener>(output);
        using var listener = new QueueListener(
            queues,
            new QueueListenerOptions { QueueName = name, VisibilityTimeout = TimeSpan.FromSeconds(1), MinPollingInterval = TimeSpan.FromMilliseconds(20), MaxPollingInterval = TimeSpan.FromMilliseconds(200) },
            (message, _) =>
            {
                seen.Enqueue(message.Body);
                return Task.CompletedTask;
            },
            TimeProvider.System,
            logger);
        await listener.StartAsync(CancellationToken.None);

        await _azurite.StopAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await _azurite.StartAsync();

        // In-memory Azurite lost the queue; the listener notices and creates it again.
        await Poll.UntilAsync(async () => (await queues.GetQueueClient(name).ExistsAsync()).Value, Bound, "the listener to recreate its queue");
        await queues.GetQueueClient(name).SendMessageAsync("after restart");
        await Poll.UntilAsync(() => seen.Contains("after restart"), Bound, "the message sent after the restart");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await listener.StopAsync(stop.Token);
        Assert.True(listener.ExecuteTask?.IsCompleted);
    }
}
