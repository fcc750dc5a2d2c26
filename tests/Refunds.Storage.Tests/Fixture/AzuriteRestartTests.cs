using Refunds.Storage.Hosting;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Fixture;

/// <summary>Owns its Azurite (not the collection's), because restarting it would pull the rug from other tests.</summary>
public sealed class AzuriteRestartTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task RestartAsync_Running_ComesBackOnTheSamePortsWithoutData()
    {
        var ports = (_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort);
        var tables = StorageClientFactory.CreateTableServiceClient(new StorageOptions { ConnectionString = _azurite.ConnectionString });
        var table = tables.GetTableClient(AzuriteFixture.NewName("restart"));
        await table.CreateAsync();

        await _azurite.RestartAsync();

        Assert.True(_azurite.IsRunning);
        Assert.Equal(ports, (_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort));
        Assert.Empty(tables.QueryAsync(t => t.Name == table.Name).ToBlockingEnumerable());
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
}
