using Microsoft.DurableTask.Client;
using Refunds.Application.ExternalEvents;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
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

/// <summary>Ops re-run a failed Intacct reversal: back to Pending, and an orchestration for this attempt runs it.</summary>
public sealed class RetryIntacctHandler(WorkflowEventApplier applier, IWorkflowSignals signals, TimeProvider time)
{
    public async Task<RetryIntacctResult> HandleAsync(DurableTaskClient durable, string organizationId, string refundId, string requestedBy, CancellationToken cancellationToken)
    {
        var applied = await applier.ApplyAsync(
            durable,
            organizationId,
            refundId,
            (workflow, _, _) => Task.FromResult<Result<Transition>?>(workflow.RetryIntacct(requestedBy, time.GetUtcNow())),
            signal: null,
            cancellationToken);
        if (applied is AppliedEvent.Applied started)
        {
            // Lost to a crash here, the reversal stays Pending and the reconciler starts it.
            await signals.StartAsync(durable, started.Workflow, cancellationToken);
        }

        return applied switch
        {
            AppliedEvent.Applied done => new RetryIntacctResult.Queued(done.Workflow),
            AppliedEvent.Refused refused => new RetryIntacctResult.NotFailed(refused.Error.Code, refused.Error.Message),
            AppliedEvent.NotFound => new RetryIntacctResult.NotFound(),
            _ => throw new InvalidOperationException($"Unexpected outcome {applied.GetType().Name} of an Intacct retry."),
        };
    }
}
