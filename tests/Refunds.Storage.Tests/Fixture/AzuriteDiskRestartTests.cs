using Azure.Data.Tables;
using Azure.Storage.Queues;
using Refunds.Storage.Hosting;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Fixture;

/// <summary>Owns its Azurite, on disk, because it restarts it.</summary>
public sealed class AzuriteDiskRestartTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new() { Persistence = AzuritePersistence.Disk };

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task RestartAsync_DiskPersistence_KeepsEntitiesAndMessagesWrittenJustBefore()
    {
        var options = new StorageOptions { ConnectionString = _azurite.ConnectionString };
        // Durable's task hub keeps its messages in queues, so the fixture must keep those too.
        var queue = new QueueServiceClient(_azurite.ConnectionString).GetQueueClient(AzuriteFixture.NewName("disk"));
        var table = StorageClientFactory.CreateTableServiceClient(options).GetTableClient(AzuriteFixture.NewName("disk"));
        await queue.CreateAsync();
        await table.CreateAsync();

        // Written right before the stop, well inside Azurite's 5 s autosave interval: only a clean shutdown saves them.
        await queue.SendMessageAsync("kept");
        await table.AddEntityAsync(new TableEntity("org", "row") { ["Value"] = "kept" });
        await _azurite.RestartAsync();

        Assert.True(_azurite.IsRunning);
        Assert.Equal("kept", (await queue.ReceiveMessageAsync()).Value.Body.ToString());
        Assert.Equal("kept", (await table.GetEntityAsync<TableEntity>("org", "row")).Value.GetString("Value"));
    }
}
