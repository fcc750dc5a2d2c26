using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>Signals through Durable's client: start instances by deterministic id, raise events on them.</summary>
public sealed partial class DurableWorkflowSignals(ILogger<DurableWorkflowSignals> logger) : IWorkflowSignals
{
    public async Task StartAsync(DurableTaskClient durable, RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (!workflow.NeedsOrchestration)
        {
            return;
        }

        // A settled record's own instance goes on to its Intacct reversal: while it runs, it is the one to do it.
        if (workflow.IsTerminal
            && await durable.GetInstanceAsync(OrchestrationIds.Of(workflow), getInputsAndOutputs: false, cancellationToken) is { } own
            && IsLive(own.RuntimeStatus))
        {
            return;
        }

        var (instanceId, orchestrator) = OrchestrationIds.For(workflow);
        await StartOnceAsync(durable, orchestrator, instanceId, new RefundRun(workflow.OrganizationId, workflow.RefundId, RefundProgress.Of(workflow)), cancellationToken);
    }

    public async Task RaiseAsync(DurableTaskClient durable, RefundWorkflow workflow, IRefundSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(signal);
        var instanceId = OrchestrationIds.Of(workflow);

        // A record whose instance is missing (a start lost to a crash) or ended early is started instead.
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || !IsLive(instance.RuntimeStatus))
        {
            if (!workflow.IsTerminal)
            {
                await StartAsync(durable, workflow, cancellationToken);
            }

            return;
        }

        // The event's name is its type's: the orchestration waits for each signal type by that name.
        await durable.RaiseEventAsync(instanceId, signal.GetType().Name, signal, cancellationToken);
    }

    private async Task StartOnceAsync(DurableTaskClient client, string orchestrator, string instanceId, object input, CancellationToken cancellationToken)
    {
        // No read first: both clients refuse a start while the instance is live (Durable's default), so the refusal
        // below is the check, and a start costs one status read fewer.
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            LogStarted(orchestrator, instanceId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The instance runs already (a repeat, or two starters racing): that is all that was asked.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not { } raced || !IsLive(raced.RuntimeStatus))
            {
                throw;
            }

            LogAlreadyRunning(instanceId, ex.GetType().Name);
        }
    }

    private static bool IsLive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended
#pragma warning disable CS0618 // ContinuedAsNew is obsolete but still reported by some backends while an instance restarts.
            or OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started {Orchestrator} instance {InstanceId}")]
    private partial void LogStarted(string orchestrator, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} runs already ({Refusal})")]
    private partial void LogAlreadyRunning(string instanceId, string refusal);
}
