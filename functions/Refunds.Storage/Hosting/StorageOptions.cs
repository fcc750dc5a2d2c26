namespace Refunds.Storage.Hosting;

/// <summary>
/// Where the ledger table and the queues live. Locally (Azurite) a connection string; on Azure the service
/// URIs, reached with the app's managed identity through <c>DefaultAzureCredential</c>, so no key is stored.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Takes precedence over the service URIs when set.</summary>
    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public string TableName { get; set; } = "refunds";

    public string StepQueueName { get; set; } = "refund-steps";

    /// <summary>Verified Stripe events waiting to be applied; the webhook only records and queues them.</summary>
    public string StripeEventQueueName { get; set; } = "stripe-events";

    public string IntacctQueueName { get; set; } = "intacct-reversals";

    /// <summary>
    /// Create the table and queues at start-up if absent. Turn off where infrastructure code owns them and the
    /// identity may only read and write data.
    /// </summary>
    public bool CreateIfNotExists { get; set; } = true;

    /// <summary>The error in these settings, or null when they are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableServiceUri is null || QueueServiceUri is null))
        {
            return "Storage needs either ConnectionString or both TableServiceUri and QueueServiceUri.";
        }

        if (string.IsNullOrWhiteSpace(TableName) || string.IsNullOrWhiteSpace(StepQueueName))
        {
            return "Storage TableName and StepQueueName must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(StripeEventQueueName))
        {
            return "Storage StripeEventQueueName must not be empty.";
        }

        return null;
    }
}
