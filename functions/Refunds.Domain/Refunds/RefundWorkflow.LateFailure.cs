using Refunds.Domain.Common;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// A bank debit (ACH, SEPA) that had succeeded came back: Stripe reports it as <c>charge.dispute.created</c>.
/// The money is already gone, so there is no Stripe refund step: the payment fails and its invoices reopen.
/// </summary>
public sealed partial record RefundWorkflow
{
    /// <summary>The reversal's id: one per dispute, so a repeated event finds the reversal it started.</summary>
    public static string LateFailureIdFor(string disputeId) => "rv_" + disputeId;

    public static Result<Transition> StartLateFailureReversal(Payment payment, string disputeId, string? disputeReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var reversalId = LateFailureIdFor(disputeId);
        if (!Ids.IsValid(reversalId))
        {
            return new DomainError("invalid_dispute_id", $"Dispute id '{disputeId}' cannot name a reversal.");
        }

        if (!payment.IsBankDebit)
        {
            return new DomainError("not_a_bank_debit", $"Payment {payment.PaymentId} was paid by {payment.Method}; only a bank debit failing late reopens its invoices.");
        }

        if (payment.Status != PaymentStatus.Succeeded)
        {
            return new DomainError("payment_not_succeeded", $"Payment {payment.PaymentId} is {payment.Status}; only a succeeded payment can fail late.");
        }

        if (payment.ActiveRefundId is { } active)
        {
            return new DomainError("payment_claimed", $"Payment {payment.PaymentId} is already claimed by workflow {active}.");
        }

        var comment = $"Bank debit failed after it succeeded: Stripe dispute {disputeId}" + (disputeReason is null ? "." : $" ({disputeReason}).");
        var workflow = NewFor(payment, reversalId, WorkflowKind.LateFailureReversal, RefundStep.ReopenInvoices, RuntimeStatus.Running, "stripe:" + disputeId, now) with
        {
            Comment = comment,
        };
        var (started, history) = workflow.Record(RefundStep.ReopenInvoices, now, "LateFailure", comment);
        return new Transition(started, history, payment with { ActiveRefundId = reversalId });
    }

    /// <summary>
    /// A late failure of a payment whose refund waits for funds with nothing at Stripe: the bank already took the
    /// money back, so the refund must never pay out. It ends <c>Canceled</c> and the reversal claims the payment,
    /// both in one commit. The caller has checked that Stripe holds no refund of ours; a create cannot be in flight
    /// because it only runs once the stored state has left <c>Waiting</c> (see <see cref="ResumeCreate"/>).
    /// </summary>
    public static Result<IReadOnlyList<Transition>> StartLateFailureReversalOver(
        RefundWorkflow waitingRefund, Payment payment, string disputeId, string? disputeReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(waitingRefund);
        ArgumentNullException.ThrowIfNull(payment);
        if (!string.Equals(payment.ActiveRefundId, waitingRefund.RefundId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Refund {waitingRefund.RefundId} does not hold payment {payment.PaymentId}.");
        }

        if (!waitingRefund.IsWaitingForFunds || waitingRefund.StripeRefundId is not null)
        {
            return new DomainError("stripe_refund_possible", $"Refund {waitingRefund.RefundId} is {waitingRefund.RuntimeStatus} at {waitingRefund.Step}; Stripe may hold it.");
        }

        var started = StartLateFailureReversal(payment with { ActiveRefundId = null }, disputeId, disputeReason, now);
        if (started.Error is { } error)
        {
            return error;
        }

        var reason = $"Canceled: the bank debit failed after it succeeded (Stripe dispute {disputeId}), so there is nothing to refund; reversal {started.Value.Workflow.RefundId} reopens the invoices.";
        var canceled = waitingRefund.Finish(RuntimeStatus.Canceled, now, null) with { Warnings = [.. waitingRefund.Warnings, reason] };
        return new List<Transition> { canceled.Record(waitingRefund.Step, now, "CanceledByLateFailure", reason).ToTransition(), started.Value };
    }

    /// <summary>
    /// A late failure of a payment that a refund holds while Stripe holds (or may be creating) that refund: the money
    /// could go back twice, and only a person can undo one side. Nothing is reversed; the refund carries a warning
    /// for ops. Null when this dispute is already noted, so repeats change nothing.
    /// </summary>
    public Transition? NoteLateFailure(string disputeId, string? disputeReason, DateTimeOffset now)
    {
        if (Warnings.Any(w => w.Contains(DisputeMarker(disputeId), StringComparison.Ordinal)))
        {
            return null;
        }

        var held = StripeRefundId is { } id ? $"Stripe holds refund {id} ({StripeRefundStatus?.ToString().ToLowerInvariant()})" : "the Stripe refund may already be under way";
        var warning = $"The bank debit failed after it succeeded {DisputeMarker(disputeId)} {disputeReason ?? "no reason given"}) while {held}: the customer may get the money back twice. Not reversed automatically; settle with the merchant and Stripe by hand.";
        var noted = this with { Warnings = [.. Warnings, warning], UpdatedAt = now };
        return noted.Record(Step, now, "LateFailureWhileRefunding", warning).ToTransition();
    }

    /// <summary>How a warning names its dispute; the same text finds it again, so a repeated event notes nothing new.</summary>
    private static string DisputeMarker(string disputeId) => $"(Stripe dispute {disputeId},";
}
