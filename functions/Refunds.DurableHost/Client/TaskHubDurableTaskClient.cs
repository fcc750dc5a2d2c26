using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.DurableHost.Hosting;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using SdkQuery = Microsoft.DurableTask.Client.OrchestrationQuery;

namespace Refunds.DurableHost.Client;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> (what Durable Functions injects with [DurableClient]) over DurableTask.Core's
/// client side, so HTTP handlers written once run both under Functions and in the local host.
/// </summary>
/// <remarks>
/// Supported: schedule (instance id, start time, tags, version, dedupe statuses), raise event, terminate, suspend,
/// resume, get instance(s), query, wait for start/completion (by polling), purge one instance or by filter.
/// Not supported (<see cref="NotSupportedException"/>): entities, restart, rewind, history, listing ids by completion
/// time, recursive terminate or purge: DurableTask.Core 3.11 / DurableTask.AzureStorage 2.11 have no such client call.
/// </remarks>
public sealed class TaskHubDurableTaskClient : DurableTaskClient
{
    /// <summary>
    /// What a start with an instance id that already exists refuses when the caller names no dedupe statuses: any state
    /// in which the instance is still alive, as Durable Functions does by default. DurableTask.Core itself refuses
    /// nothing when given no statuses: it would overwrite the live instance's status row and queue a second start.
    /// </summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> DefaultDedupeStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
#pragma warning disable CS0618 // Obsolete in the SDK, but DurableTask.AzureStorage still records it between generations.
        OrchestrationRuntimeStatus.ContinuedAsNew,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Suspended,
    ];

    private readonly IOrchestrationServiceClient _service;
    private readonly TaskHubClient _client;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollingInterval;

    public TaskHubDurableTaskClient(
        IOrchestrationServiceClient service, IOptions<DurableHostOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
        : base((options ?? throw new ArgumentNullException(nameof(options))).Value.TaskHubName)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _converter = options.Value.DataConverter;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _pollingInterval = options.Value.ClientPollingInterval;
        _client = new TaskHubClient(service, new CoreDataConverter(_converter), loggerFactory);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An instance id that exists in one of the dedupe statuses (<see cref="StartOrchestrationOptions.DedupeStatuses"/>,
    /// else <see cref="DefaultDedupeStatuses"/>) throws <see cref="OrchestrationAlreadyExistsException"/>, the type
    /// the SDK's own client throws; the running instance is untouched. An instance in any other state (completed,
    /// failed, terminated) is replaced by a new execution. The check and the start are two storage calls, not one
    /// transaction: two concurrent starts of a new id can both pass it, so business-level uniqueness belongs in the
    /// ledger (the payment claim), not here.
    /// </remarks>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var version = options?.Version?.Version ?? string.Empty;
        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given) : null;
        var dedupe = DedupeStatuses(options?.DedupeStatuses);

        if (options?.StartAt is { } startAt)
        {
            await _client.CreateOrchestrationInstanceAsync(orchestratorName.Name, version, instanceId, input, tags, dedupe, startAt.UtcDateTime);
        }
        else
        {
            await _client.CreateOrchestrationInstanceAsync(orchestratorName.Name, version, instanceId, input, tags, dedupe);
        }

        return instanceId;
    }

    /// <inheritdoc/>
    /// <remarks>An event for an instance that does not exist, or has finished, is dropped by the engine (logged there), as in Durable Functions.</remarks>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();
        // DurableTask.Core accepts a null payload (it serializes to no data); its signature just isn't annotated.
        return _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
    }

    /// <inheritdoc/>
    /// <remarks>The output becomes the terminated instance's serialized output, as with the SDK's gRPC client.</remarks>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException(
                $"{nameof(TaskHubDurableTaskClient)}.{nameof(TerminateInstanceAsync)} with {nameof(TerminateInstanceOptions.Recursive)}: DurableTask.Core 3.11 cannot terminate sub-orchestrations with their parent.");
        }

        cancellation.ThrowIfCancellationRequested();
        return _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, _converter.Serialize(options?.Output)!);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _client.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _client.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    /// <inheritdoc/>
    /// <remarks>The latest execution; null when the instance does not exist (or was purged).</remarks>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var state = await _client.GetOrchestrationStateAsync(instanceId);
        return state is null ? null : OrchestrationStatusMapping.ToMetadata(state, getInputsAndOutputs, _converter);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(SdkQuery? filter = null)
    {
        if (_service is not IOrchestrationServiceQueryClient queries)
        {
            throw new NotSupportedException($"{nameof(TaskHubDurableTaskClient)}.{nameof(GetAllInstancesAsync)}: the orchestration service {_service.GetType().Name} cannot be queried.");
        }

        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                RuntimeStatus = filter?.Statuses?.Select(OrchestrationStatusMapping.ToCoreStatus).ToList(),
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? SdkQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            var page = result.OrchestrationState
                .Select(state => OrchestrationStatusMapping.ToMetadata(state, query.FetchInputsAndOutputs, _converter))
                .ToList();
            return new Page<OrchestrationMetadata>(page, result.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    /// <remarks>Waits (polling every <see cref="DurableHostOptions.ClientPollingInterval"/>) until the instance exists and has left Pending.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc/>
    /// <remarks>Waits (polling) until the instance is Completed, Failed or Terminated; bound it with the token.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <inheritdoc/>
    /// <remarks>Deletes the instance's status, history and large payloads whatever its state; a later get returns null.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var purger = Purger(nameof(PurgeInstanceAsync), options);
        cancellation.ThrowIfCancellationRequested();
        var result = await purger.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var purger = Purger(nameof(PurgeAllInstancesAsync), options);
        cancellation.ThrowIfCancellationRequested();

        // DurableTask.Core wants a lower bound; the SDK allows none. Table storage's earliest date stands in for it.
        var from = filter.CreatedFrom?.UtcDateTime ?? new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var result = await purger.PurgeInstanceStateAsync(new PurgeInstanceFilter(
            from, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(OrchestrationStatusMapping.ToCoreStatus)));
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override Microsoft.DurableTask.Client.Entities.DurableEntityClient Entities =>
        throw Unsupported(nameof(Entities), "the host registers no entities and DurableTask.Core's client has no entity API");

    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        throw Unsupported(nameof(RestartAsync), "DurableTask.Core 3.11 has no restart; schedule a new instance with the old input instead");

    public override Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default) =>
        throw Unsupported(nameof(RewindInstanceAsync), "DurableTask.AzureStorage 2.11 has no rewind through DurableTask.Core's client");

    public override Task<IList<global::DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        throw Unsupported(nameof(GetOrchestrationHistoryAsync), "DurableTask.Core's client returns history only as serialized text; read it with Durable's own tools");

    public override Task<Page<string>> ListInstanceIdsAsync(
        IEnumerable<OrchestrationRuntimeStatus>? runtimeStatus = null,
        DateTimeOffset? completedTimeFrom = null,
        DateTimeOffset? completedTimeTo = null,
        int pageSize = SdkQuery.DefaultPageSize,
        string? lastInstanceKey = null,
        CancellationToken cancellation = default) =>
        throw Unsupported(nameof(ListInstanceIdsAsync), $"DurableTask.AzureStorage cannot filter by completion time; use {nameof(GetAllInstancesAsync)}");

    /// <summary>Owns nothing: the orchestration service belongs to the DI container.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(_pollingInterval, _time, cancellation);
        }
    }

    private IOrchestrationServicePurgeClient Purger(string member, PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw Unsupported(member, "DurableTask.AzureStorage 2.11 purges one instance at a time, not its sub-orchestrations");
        }

        return _service as IOrchestrationServicePurgeClient
            ?? throw Unsupported(member, $"the orchestration service {_service.GetType().Name} cannot purge instances");
    }

    private static OrchestrationStatus[] DedupeStatuses(IReadOnlyList<string>? requested) =>
        (requested?.Select(ParseStatus) ?? DefaultDedupeStatuses)
            .Select(OrchestrationStatusMapping.ToCoreStatus)
            .Distinct()
            .ToArray();

    private static OrchestrationRuntimeStatus ParseStatus(string status) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed)
            ? parsed
            : throw new ArgumentException($"Invalid orchestration runtime status '{status}' for deduplication.", nameof(status));

    private static NotSupportedException Unsupported(string member, string why) =>
        new($"{nameof(TaskHubDurableTaskClient)}.{member} is not supported: {why}.");
}
