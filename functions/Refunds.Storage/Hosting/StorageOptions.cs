namespace Refunds.Storage.Hosting;

/// <summary>
/// Where the ledger table lives (Durable's own queues, tables and blobs are configured with the task hub). Locally (Azurite) a connection string; on Azure the service
/// URIs, reached with the app's managed identity through <c>DefaultAzureCredential</c>, so no key is stored.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Takes precedence over the service URIs when set.</summary>
    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string TableName { get; set; } = "refunds";

    /// <summary>
    /// The reconciliation table (runs, findings, the activity index), apart from the ledger so that the ledger's
    /// whole-table queries (the reconciler's) never read it. Unset: <see cref="TableName"/> followed by "recon".
    /// </summary>
    public string? ReconciliationTableName { get; set; }

    public string EffectiveReconciliationTableName =>
        string.IsNullOrWhiteSpace(ReconciliationTableName) ? TableName + "recon" : ReconciliationTableName;

    /// <summary>
    /// Create the table at start-up if absent. Turn off where infrastructure code owns them and the
    /// identity may only read and write data.
    /// </summary>
    public bool CreateIfNotExists { get; set; } = true;

    /// <summary>The error in these settings, or null when they are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && TableServiceUri is null)
        {
            return "Storage needs either ConnectionString or TableServiceUri.";
        }

        if (string.IsNullOrWhiteSpace(TableName))
        {
            return "Storage TableName must not be empty.";
        }

        return null;
    }
}
