using Azure.Storage.Queues;
using Refunds.Storage.Hosting;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Queues;

/// <summary>A fresh queue and poison queue per test, with the production client settings (Base64).</summary>
public abstract class QueueTestBase : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    protected QueueTestBase(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        Azurite = azurite;
        QueueName = AzuriteFixture.NewName("q");
        Queues = StorageClientFactory.CreateQueueServiceClient(new StorageOptions { ConnectionString = azurite.ConnectionString });
        Queue = Queues.GetQueueClient(QueueName);
        PoisonQueue = Queues.GetQueueClient(QueueName + "-poison");
    }

    protected AzuriteFixture Azurite { get; }

    protected string QueueName { get; }

    protected QueueServiceClient Queues { get; }

    protected QueueClient Queue { get; }

    protected QueueClient PoisonQueue { get; }

    protected CancellationToken Ct => _timeout.Token;

    public virtual async Task InitializeAsync()
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: Ct);
    }

    public virtual async Task DisposeAsync()
    {
        await Queue.DeleteIfExistsAsync(CancellationToken.None);
        await PoisonQueue.DeleteIfExistsAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Counts invisible messages too, so 0 means "deleted", not "hidden".</summary>
    protected async Task<int> CountAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;
}
