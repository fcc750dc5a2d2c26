using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Refunds.Functions.Tests.Support;

/// <summary>
/// An orchestration context that hands the orchestrator its input and answers each activity call from a script,
/// recording the names it was called by. Enough for the wrappers; the orchestrations themselves are tested on the engine.
/// </summary>
internal sealed class ScriptedOrchestrationContext(TaskName name, object input, Func<TaskName, object?, object> activities) : TaskOrchestrationContext
{
    public List<string> ActivitiesCalled { get; } = [];

    public object? CustomStatus { get; private set; }

    public override TaskName Name => name;

    public override string InstanceId => "instance-1";

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    public override bool IsReplaying => false;

    public override TaskOrchestrationEntityFeature Entities => throw new NotSupportedException();

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => (T)input;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        ActivitiesCalled.Add(name.Name);
        return Task.FromResult((TResult)activities(name, input));
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException();
}
