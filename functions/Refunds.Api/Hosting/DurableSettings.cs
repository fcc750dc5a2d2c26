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

    /// <summary>DTF's control-queue batch size (1-32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    public int ControlQueueBufferThreshold { get; set; } = 64;

    /// <summary>Keep orchestrations in memory between episodes (no history read per episode); see DurableHostOptions.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Skip DTF's instance-row check of start messages (and its 2 s deferral of starts that beat their row); see DurableHostOptions.</summary>
    public bool DisableExecutionStartedDeduplication { get; set; }
}
