using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Intacct;

public abstract record RetryIntacctResult
{
    private RetryIntacctResult()
    {
    }

    public sealed record Queued(RefundWorkflow Workflow) : RetryIntacctResult;

    public sealed record NotFound : RetryIntacctResult;

    public sealed record NotFailed(string Code, string Message) : RetryIntacctResult;
}

/// <summary>Ops re-run a failed Intacct reversal: back to Pending, and queued at once.</summary>
public sealed class RetryIntacctHandler(ILedgerStore ledger, StepScheduler scheduler, TimeProvider time, IOptions<WorkflowOptions> options)
{
    public async Task<RetryIntacctResult> HandleAsync(string organizationId, string refundId, string requestedBy, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetWorkflowAsync(organizationId, refundId, cancellationToken);
            if (stored is null)
            {
                return new RetryIntacctResult.NotFound();
            }

            var retried = stored.Value.RetryIntacct(requestedBy, time.GetUtcNow());
            if (retried.Error is { } error)
            {
                return new RetryIntacctResult.NotFailed(error.Code, error.Message);
            }

            if (await ledger.CommitAsync(organizationId, TransitionWrites.For(retried.Value, stored.ETag), cancellationToken) == CommitOutcome.Committed)
            {
                await scheduler.ScheduleAsync(retried.Value.Workflow, cancellationToken);
                return new RetryIntacctResult.Queued(retried.Value.Workflow);
            }
        }

        throw new WorkflowConflictException($"Refund {refundId} kept changing while its Intacct retry was recorded.");
    }
}
