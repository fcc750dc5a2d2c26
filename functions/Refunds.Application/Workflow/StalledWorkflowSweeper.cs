using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;

namespace Refunds.Application.Workflow;

/// <summary>
/// Repairs the one gap the step runner leaves: a crash after a commit and before the successor message
/// was queued, or a message that went to the poison queue. Re-enqueuing is safe because a message for
/// a sequence the workflow has left is ignored, and two for the same sequence race on the ETag. An instance
/// whose messages keep failing is picked up again every sweep: slow, endless retry with the error on show.
/// </summary>
public sealed class StalledWorkflowSweeper(
    ILedgerStore ledger,
    StepScheduler scheduler,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<StalledWorkflowSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grace = options.Value.StallGrace;
        var requeued = 0;
        await foreach (var stored in ledger.FindStalledAsync(now - grace, cancellationToken))
        {
            await scheduler.ScheduleAsync(stored.Value, cancellationToken);
            logger.LogWarning(
                "Re-enqueued stalled refund {RefundId} of {OrganizationId} at step {Step}, due {DueAt}",
                stored.Value.RefundId, stored.Value.OrganizationId, stored.Value.Step, stored.Value.DueAt);
            requeued++;
        }

        return requeued;
    }
}
