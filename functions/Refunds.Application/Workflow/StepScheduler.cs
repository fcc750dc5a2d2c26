using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>Queues the next step of a workflow as a message that becomes visible when the step is due.</summary>
public sealed class StepScheduler(IStepQueue queue, TimeProvider time)
{
    /// <summary>Azure Storage queues hide a message for at most 7 days; longer timers re-arm on arrival.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public Task ScheduleAsync(RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        if (workflow.IsTerminal)
        {
            return Task.CompletedTask;
        }

        var delay = workflow.DueAt - time.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay;
        return queue.EnqueueAsync(new StepMessage(workflow.OrganizationId, workflow.RefundId, workflow.Sequence), delay, cancellationToken);
    }
}
