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

    /// <summary>This host's name among the hub's workers; unset: machine name and process id (see DurableHostOptions).</summary>
    public string? WorkerId { get; set; }

    /// <summary>Defaults to <c>Storage:ConnectionString</c>: the ledger and the hub share the storage account.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// Control queues of the hub. Fewer cost less while idle (BENCHMARKS.md section 7: 1 partition about halves
    /// Azurite's idle CPU), but DTF maps instances to partitions by this count, so changing it on an existing hub
    /// strands the in-flight instances of the other partitions: use a new TaskHubName with a new count.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Off: serve HTTP and the Durable client only; orchestrations and activities run on other hosts.</summary>
    public bool RunWorker { get; set; } = true;

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a dead worker's activity or orchestration message stays hidden before another worker takes it.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// DTF's partition leases: a worker looks at the partition table every <see cref="LeaseAcquireInterval"/>, renews
    /// its leases every <see cref="LeaseRenewInterval"/>, and a lease not renewed for <see cref="LeaseInterval"/> is
    /// free for another worker. DTF's defaults (10 s, 10 s, 30 s) are the production values; the chaos tests shorten
    /// them so that a killed host's partitions move within seconds (see DurableHostOptions).
    /// </summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one read-and-write of the partition table may take before DTF tries again (see DurableHostOptions).</summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxConcurrentActivities { get; set; } = 20;

    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>DTF's control-queue batch size (1-32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    public int ControlQueueBufferThreshold { get; set; } = 64;

    /// <summary>Keep orchestrations in memory between episodes (no history read per episode); see DurableHostOptions.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On: DTF does not check a start message against the instance's row before running it. In one process the worker
    /// is woken by the start at once and often reads the row before the client has written it, and DTF then defers the
    /// start by 2 s (3-13 % of the starts in benchmark runs with concurrent starts). A start sent twice for one id by two
    /// racing starters is still dropped by DurableTask.Core while the first runs, and every activity re-checks the
    /// ledger record, so a second run would change nothing. See DurableHostOptions and BENCHMARKS.md section 7.
    /// </summary>
    public bool DisableExecutionStartedDeduplication { get; set; } = true;
}
