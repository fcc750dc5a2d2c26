namespace Refunds.Api.Hosting;

/// <summary>
/// The local host's Durable Task settings (section <c>Durable</c>). Under Azure Functions, host.json's
/// <c>extensions.durableTask</c> plays this part.
/// </summary>
public sealed class DurableSettings
{
    public const string Section = "Durable";

    /// <summary>Hosts sharing a hub name and storage account share instances and work.</summary>
    public string TaskHubName { get; set; } = "RefundsHub";

    /// <summary>Defaults to <c>Storage:ConnectionString</c>: the ledger and the hub share the storage account.</summary>
    public string? StorageConnectionString { get; set; }

    public int PartitionCount { get; set; } = 4;

    /// <summary>Off: serve HTTP and the Durable client only; orchestrations and activities run on other hosts.</summary>
    public bool RunWorker { get; set; } = true;

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a dead worker's activity or orchestration message stays hidden before another worker takes it.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrentActivities { get; set; } = 20;

    public int MaxConcurrentOrchestrations { get; set; } = 100;
}
