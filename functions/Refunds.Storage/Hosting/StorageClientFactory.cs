using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Refunds.Storage.Queues;

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

    /// <summary>Base64 messages; one that does not decode goes to its queue's poison queue, as with the Functions host.</summary>
    public static QueueServiceClient CreateQueueServiceClient(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Func<QueueClientOptions, QueueServiceClient> create = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? CreateWithIdentity(Require(options.QueueServiceUri, nameof(options.QueueServiceUri)), new DefaultAzureCredential())
            : clientOptions => new QueueServiceClient(options.ConnectionString, clientOptions);
        var raw = create(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var encoded = CreateQueueClientOptions();
        encoded.MessageDecodingFailed += UndecodableMessages.MoveToPoison(raw);
        return create(encoded);
    }

    /// <summary>
    /// Base64 because that is what an Azure Functions queue trigger reads by default: the same queues work
    /// whether the Functions host or our own <see cref="Queues.QueueListener"/> consumes them.
    /// </summary>
    public static QueueClientOptions CreateQueueClientOptions() =>
        new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private static Func<QueueClientOptions, QueueServiceClient> CreateWithIdentity(Uri serviceUri, DefaultAzureCredential credential) =>
        clientOptions => new QueueServiceClient(serviceUri, credential, clientOptions);

    private static Uri Require(Uri? uri, string name) =>
        uri ?? throw new InvalidOperationException($"Storage:{name} is required when no connection string is set.");
}
