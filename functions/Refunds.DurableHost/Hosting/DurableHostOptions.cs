using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Refunds.DurableHost.Hosting;

/// <summary>Settings of the local Durable Task host (DurableTask.Core + DurableTask.AzureStorage).</summary>
public sealed class DurableHostOptions
{
    /// <summary>
    /// Names the queues, tables and blob containers of the hub. Hosts that share a name share work, so every test
    /// class (and every app that must not see the others' instances) uses its own.
    /// </summary>
    public string TaskHubName { get; set; } = "RefundsHub";

    /// <summary>
    /// This host's name among the workers of the hub: it owns partitions under this name. DTF's default, the machine
    /// name, made two processes on one machine each take the other's partitions as its own, so both ran every partition
    /// and overwrote each other's history (DTF logs "Split brain detected"); hence the process id. The price: a
    /// restarted process is a new worker, and gets the dead one's partitions only once their leases expire (up to
    /// 30 s after the last renewal, a minute after a fresh claim, checked every 10 s). A name fixed per host gets them
    /// back at once, as long as no two live processes share it.
    /// </summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Azure Storage (or Azurite) connection string; ignored when <see cref="StorageAccountClientProvider"/> is set.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>For identities other than a connection string, e.g. a managed identity in Azure.</summary>
    public StorageAccountClientProvider? StorageAccountClientProvider { get; set; }

    /// <summary>
    /// Off: this host only serves the client (starts, events, status) and runs no orchestrations or activities, as a
    /// front end whose work runs elsewhere would. The hub is then neither created nor polled.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>
    /// Control queues: an orchestration's messages are processed by one worker at a time, per partition. Fewer cost
    /// less while idle (BENCHMARKS.md section 7: 1 partition about halves Azurite's idle CPU), but DTF maps instances to
    /// partitions by this count, so changing it on an existing hub strands the in-flight instances of the other
    /// partitions: use a new TaskHubName with a new count.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest an idle worker waits between two polls of a queue. DTF backs off up to this value when queues are
    /// empty, so it is the latency of the first message after a quiet spell and of every hop between processes;
    /// DTF's own default (30 s) made a 2-activity orchestration take seconds across processes.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// How often the worker looks at the partition table to take free or expired partitions (DTF's default 10 s): a
    /// partition freed by a stopped or killed host moves at the next look.
    /// </summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the worker renews the leases it holds (DTF's default 10 s); well below <see cref="LeaseInterval"/>.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a lease holds without renewal (DTF's default 30 s): a killed host's partitions stay with it this long
    /// after its last renewal. Shorter moves them sooner but leaves less slack for a renewal late on a busy machine; a
    /// late renewal loses the lease and two workers may run one partition for a moment (DTF logs "split brain").
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one read-and-write of the partition table may take (DTF's default 2 s). DTF gives up on a slower one
    /// and tries again at once, so on a machine too busy to answer within it the worker neither takes nor renews a
    /// partition: its orchestrations stall, and a lease it holds lapses under it. Azure Storage answers well within the
    /// default; the tests give Azurite on a starved 2-core machine 10 s.
    /// </summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxConcurrentActivities { get; set; } = 20;

    /// <summary>
    /// How long an activity message stays hidden while a worker runs it. A worker that dies mid-activity leaves it
    /// hidden this long before another worker runs it again (activities are at least once).
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Like <see cref="WorkItemQueueVisibilityTimeout"/>, for orchestration (control queue) messages.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Control-queue messages fetched per read (DTF's default 32, its maximum). Messages of one instance fetched
    /// together run as one episode.
    /// </summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>How many control-queue messages a partition may hold in memory before it stops fetching (DTF's default 64).</summary>
    public int ControlQueueBufferThreshold { get; set; } = 64;

    /// <summary>
    /// Keep an orchestration in memory between episodes (DTF's extended sessions, off by default): its next message
    /// is applied without reading its history again, for up to <see cref="ExtendedSessionIdleTimeout"/>. An idle
    /// session holds one of <see cref="MaxConcurrentOrchestrations"/> slots while it waits. The orchestrator object
    /// lives on across episodes, while its DI scope is disposed after each one, so an orchestrator must not keep
    /// scoped services (this app's do not take any).
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>
    /// Off (DTF's default): before running a start message, DTF reads the instance's row to check that the message
    /// belongs to the execution the client recorded. The client sends the message before it writes that row, so a
    /// worker woken at once by a start in the same process often reads the row first and defers the start by 2 s
    /// (its backoff after one dequeue). On: no such read and no deferral; a start sent twice for one instance id
    /// (two starters racing past the client's own status check) may then run twice.
    /// </summary>
    public bool DisableExecutionStartedDeduplication { get; set; }

    /// <summary>How long an extended session waits for its next message (DTF's default 30 s).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client's WaitForInstance*Async reads the instance's status.</summary>
    public TimeSpan ClientPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Serializes inputs, outputs, events and custom status on both sides. The SDK's JSON converter by default, so
    /// payloads look exactly like they do under Durable Functions.
    /// </summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(TaskHubName))
        {
            throw new InvalidOperationException($"{nameof(DurableHostOptions)}.{nameof(TaskHubName)} is required.");
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            throw new InvalidOperationException($"{nameof(DurableHostOptions)}.{nameof(WorkerId)} must not be empty: it names this host's partition leases.");
        }

        if (StorageAccountClientProvider is null && string.IsNullOrWhiteSpace(StorageConnectionString))
        {
            throw new InvalidOperationException(
                $"{nameof(DurableHostOptions)} needs {nameof(StorageConnectionString)} or {nameof(StorageAccountClientProvider)}.");
        }

        if (PartitionCount is < 1 or > 16)
        {
            throw new InvalidOperationException($"{nameof(DurableHostOptions)}.{nameof(PartitionCount)} must be 1-16 (DurableTask.AzureStorage's limit).");
        }

        if (ControlQueueBatchSize is < 1 or > 32)
        {
            throw new InvalidOperationException($"{nameof(DurableHostOptions)}.{nameof(ControlQueueBatchSize)} must be 1-32 (DurableTask.AzureStorage's limit).");
        }

        if (LeaseAcquireInterval <= TimeSpan.Zero || LeaseRenewInterval <= TimeSpan.Zero || LeaseRenewInterval >= LeaseInterval || PartitionTableOperationTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{nameof(DurableHostOptions)}: lease intervals must be positive and {nameof(LeaseRenewInterval)} shorter than {nameof(LeaseInterval)}, or leases lapse between renewals.");
        }

        if (MaxQueuePollingInterval <= TimeSpan.Zero || ClientPollingInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(DurableHostOptions)}: polling intervals must be positive.");
        }
    }
}
