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
}
