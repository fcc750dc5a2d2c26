using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Refunds.Storage.Hosting;

/// <summary>Builds the SDK clients from <see cref="StorageOptions"/>; tests use it too, so they run the production settings.</summary>
public static class StorageClientFactory
{
    public static TableServiceClient CreateTableServiceClient(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(Require(options.TableServiceUri, nameof(options.TableServiceUri)), new DefaultAzureCredential())
            : new TableServiceClient(options.ConnectionString);
    }

    public static QueueServiceClient CreateQueueServiceClient(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(Require(options.QueueServiceUri, nameof(options.QueueServiceUri)), new DefaultAzureCredential(), CreateQueueClientOptions())
            : new QueueServiceClient(options.ConnectionString, CreateQueueClientOptions());
    }

    /// <summary>
    /// Base64 because that is what an Azure Functions queue trigger reads by default: the same queues work
    /// whether the Functions host or our own <see cref="Queues.QueueListener"/> consumes them.
    /// </summary>
    public static QueueClientOptions CreateQueueClientOptions() =>
        new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private static Uri Require(Uri? uri, string name) =>
        uri ?? throw new InvalidOperationException($"Storage:{name} is required when no connection string is set.");
}
