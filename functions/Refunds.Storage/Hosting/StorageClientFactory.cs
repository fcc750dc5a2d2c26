using Azure.Data.Tables;
using Azure.Identity;

namespace Refunds.Storage.Hosting;

/// <summary>Builds the table client from <see cref="StorageOptions"/>; tests use it too, so they run the production settings.</summary>
public static class StorageClientFactory
{
    public static TableServiceClient CreateTableServiceClient(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(Require(options.TableServiceUri, nameof(options.TableServiceUri)), new DefaultAzureCredential())
            : new TableServiceClient(options.ConnectionString);
    }

    private static Uri Require(Uri? uri, string name) =>
        uri ?? throw new InvalidOperationException($"Storage:{name} is required when no connection string is set.");
}
