using Refunds.Domain.Common;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>What an admin (or ops) may do to a waiting refund.</summary>
public sealed partial record RefundWorkflow
{
    /// <summary>
    /// "I topped up the balance": waiting for funds at the create step, try the create now (no balance check
    /// first); with Stripe holding the refund, ask Stripe about it now.
    /// </summary>
    public Result<Transition> Retry(string requestedBy, DateTimeOffset now)
    {
        if (RuntimeStatus != RuntimeStatus.Waiting)
        {
            return NotWaiting("retried");
        }

        var status = IsWaitingForFunds ? RuntimeStatus.Running : RuntimeStatus.Waiting;
        var custom = IsWaitingForFunds ? $"Retrying the Stripe refund at {requestedBy}'s request." : CustomStatus;
        return MoveTo(Step, status, now, now, custom)
            .Record(Step, now, "RetryRequested", $"by {requestedBy}")
            .ToTransition();
    }

    /// <summary>
    /// "We refund outside Stripe": ends the workflow as Canceled without touching the payment's status or its
    /// invoices, and releases the payment. Only while nothing exists at Stripe, or the money would go back twice.
    /// </summary>
    public Result<Transition> Cancel(Payment payment, string requestedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (IsCreatingAfterWait)
        {
            return new DomainError(
                "refund_in_progress",
                $"Refund {RefundId} is being created at Stripe now that the balance covers it; it can no longer be canceled.");
        }

        if (RuntimeStatus != RuntimeStatus.Waiting)
        {
            return NotWaiting("canceled");
        }

        if (Step != RefundStep.CreateStripeRefund || StripeRefundId is not null)
        {
            return new DomainError(
                "stripe_refund_exists",
                $"Stripe already holds refund {StripeRefundId} for this payment; it completes when the balance covers it and cannot be canceled here.");
        }

        return Finish(RuntimeStatus.Canceled, now, null)
            .Record(Step, now, "Canceled", $"by {requestedBy}: to be refunded outside Stripe")
            .ToTransition(payment with { ActiveRefundId = null });
    }

    /// <summary>Left a wait for funds to create the refund at Stripe: the create may be in flight.</summary>
    private bool IsCreatingAfterWait =>
        RuntimeStatus == RuntimeStatus.Running && Step == RefundStep.CreateStripeRefund && (FundsWait is not null || CreateAttempt > 0);

    private DomainError NotWaiting(string verb) =>
        new("refund_not_waiting", $"Refund {RefundId} is {RuntimeStatus} at {Step}; only a waiting refund can be {verb}.");
}
