using Microsoft.DurableTask.Client;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Application.ExternalEvents;

/// <summary>The admin's answers to a refund waiting for funds: "I topped up, retry" and "we refund outside Stripe, cancel".</summary>
public sealed class RefundActionsHandler(
    WorkflowEventApplier applier,
    IStripeRefunds stripe,
    TimeProvider time)
{
    public Task<AppliedEvent> RetryAsync(DurableTaskClient durable, string organizationId, string refundId, string requestedBy, CancellationToken cancellationToken) =>
        applier.ApplyAsync(
            durable,
            organizationId,
            refundId,
            (workflow, _, _) => Task.FromResult<Result<Transition>?>(workflow.Retry(requestedBy, time.GetUtcNow())),
            progress => new RetryRequested(requestedBy, progress),
            cancellationToken);

    /// <summary>
    /// Before canceling, asks Stripe whether a refund of ours exists after all (a create whose answer was lost):
    /// then the workflow learns about it instead, and the cancel is refused.
    /// </summary>
    public Task<AppliedEvent> CancelAsync(DurableTaskClient durable, string organizationId, string refundId, string requestedBy, CancellationToken cancellationToken) =>
        applier.ApplyAsync(
            durable,
            organizationId,
            refundId,
            async (workflow, payment, ct) =>
            {
                var now = time.GetUtcNow();
                var canceled = workflow.Cancel(payment, requestedBy, now);
                if (!canceled.IsSuccess)
                {
                    return canceled;
                }

                return await stripe.FindRefundAsync(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, ct) is { } existing
                    ? new DomainError("stripe_refund_exists", $"Stripe holds refund {existing.Id} ({existing.Status}) for this payment after all; it cannot be canceled here.")
                    : canceled;
            },
            progress => new CancelRequested(requestedBy, progress),
            cancellationToken);
}
