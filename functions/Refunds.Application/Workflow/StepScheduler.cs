using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>
/// Queues what a workflow needs next as a message that becomes visible when it is due: its next step while it
/// runs, or its Intacct reversal once it has settled.
/// </summary>
public sealed class StepScheduler(IStepQueue queue, IIntacctQueue intacct, TimeProvider time)
{
    /// <summary>Azure Storage queues hide a message for at most 7 days; longer timers re-arm on arrival.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public Task ScheduleAsync(RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!workflow.IsTerminal)
        {
            return queue.EnqueueAsync(new StepMessage(workflow.OrganizationId, workflow.RefundId, workflow.Sequence), DelayUntil(workflow.DueAt), cancellationToken);
        }

        return workflow.IntacctPending
            ? intacct.EnqueueAsync(new IntacctReversalMessage(workflow.OrganizationId, workflow.RefundId), DelayUntil(workflow.IntacctDueAt ?? workflow.UpdatedAt), cancellationToken)
            : Task.CompletedTask;
    }

    private TimeSpan DelayUntil(DateTimeOffset due)
    {
        var delay = due - time.GetUtcNow();
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay;
    }
}
