using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// A full refund made outside this service (the merchant refunded in the Stripe Dashboard) and found by reconciliation:
/// recorded by the rules of our own refunds, as one record that is Completed from its first commit.
/// </summary>
/// <param name="StripeRefundId">Stripe's refund: the record's id derives from it, so it is recorded once.</param>
/// <param name="FoundBy">The reconciliation run that found it, for the history.</param>
public sealed record OutsideRefund(string StripeRefundId, Money Amount, string RecordedBy, string FoundBy);

public sealed partial record RefundWorkflow
{
    /// <summary>The record of an outside refund: one id per Stripe refund, so a second record of it is a conflicting insert.</summary>
    public static string OutsideRefundIdFor(string stripeRefundId) => "rx_" + stripeRefundId;

    /// <summary>
    /// Records <paramref name="refund"/> on <paramref name="payment"/>: claims it, links the refund to the payment or a
    /// credit memo as a start would (per <paramref name="recording"/>), then records it as <see cref="RecordRefund"/> does
    /// once Stripe has refunded: the payment is refunded, its invoices reopen or the memo absorbs the amount, and an
    /// exported payment gets its Intacct reversal queued. Refused when the ledger already accounts for the payment
    /// otherwise, or when Stripe refunded part of it only (the ledger records full refunds).
    /// </summary>
    /// <param name="invoices">The invoices the payment is allocated to, as the ledger holds them (missing ones become a warning).</param>
    /// <param name="creditMemos">Credit memos crediting those invoices, when <paramref name="recording"/> is <see cref="RefundRecording.CreditMemo"/>.</param>
    public static Result<Transition> RecordOutsideRefund(
        Payment payment,
        OutsideRefund refund,
        IReadOnlyList<Invoice> invoices,
        RefundRecording recording,
        IReadOnlyList<CreditMemo> creditMemos,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        var id = OutsideRefundIdFor(refund.StripeRefundId);
        if (!Ids.IsValid(id))
        {
            return new DomainError("invalid_stripe_refund_id", $"Stripe refund id '{refund.StripeRefundId}' cannot name a record.");
        }

        if (payment.Status == PaymentStatus.Refunded)
        {
            return new DomainError("payment_already_refunded", $"Payment {payment.PaymentId} is already refunded by {payment.ActiveRefundId}; Stripe refunded it a second time. Settle by hand.");
        }

        if (payment.ActiveRefundId is { } holder)
        {
            return new DomainError("refund_in_progress", $"Refund {holder} holds payment {payment.PaymentId} ({payment.Status}); settle it first (cancel it if it waits for funds), then record this refund.");
        }

        if (payment.Status != PaymentStatus.Succeeded)
        {
            return new DomainError("payment_not_succeeded", $"Payment {payment.PaymentId} is {payment.Status}; only a succeeded payment can be recorded as refunded.");
        }

        if (refund.Amount != payment.Amount)
        {
            return new DomainError(
                "partial_refund",
                $"Stripe refunded {refund.Amount} of payment {payment.PaymentId} ({payment.Amount}); the ledger records full refunds only. Settle by hand.");
        }

        var memo = recording == RefundRecording.CreditMemo ? CreditMemoChoice.For(payment, creditMemos) : null;
        var workflow = NewFor(payment, id, WorkflowKind.Refund, RefundStep.ReopenInvoices, RuntimeStatus.Running, refund.RecordedBy, now) with
        {
            Comment = "Refunded outside this service, found by reconciliation.",
            StripeRefundId = refund.StripeRefundId,
            StripeRefundStatus = Refunds.StripeRefundStatus.Succeeded,
            LinkedCreditMemoId = memo?.CreditMemoId,
        };
        var linked = memo is null ? "linked to the payment" : $"linked to credit memo {memo.CreditMemoId}";
        var (found, foundHistory) = workflow.Record(
            RefundStep.ReopenInvoices,
            now,
            "RefundedOutside",
            $"Refunded outside, found by reconciliation {refund.FoundBy}: Stripe refund {refund.StripeRefundId} of {refund.Amount}; recorded by {refund.RecordedBy}; {linked}");
        var recorded = found.RecordRefund(payment with { ActiveRefundId = id }, invoices, memo?.Reserve(payment.Amount.MinorUnits), now);
        return recorded with { History = [.. foundHistory, .. recorded.History] };
    }
}
