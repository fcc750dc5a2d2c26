using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// A refund linked to a credit memo: the memo holds the refund's amount from the start, absorbs it once Stripe has
/// refunded, and gets it back if the refund ends any other way. The invoices stay settled by the memo.
/// </summary>
public sealed partial record RefundWorkflow
{
    /// <summary>The credit memo this refund is linked to; null when it is linked to its payment.</summary>
    public string? LinkedCreditMemoId { get; init; }

    public RefundLink LinkedTo => LinkedCreditMemoId is { } memo
        ? new RefundLink(RefundLinkType.CreditMemo, memo)
        : new RefundLink(RefundLinkType.Payment, PaymentId);

    /// <summary>
    /// This record, just ended from <paramref name="before"/> without the money going back, holds a credit memo
    /// reservation that must return to the memo in the same commit.
    /// </summary>
    public bool GivesBackReservation(RefundWorkflow before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return LinkedCreditMemoId is not null && !before.IsTerminal && IsTerminal && RuntimeStatus != RuntimeStatus.Completed;
    }

    /// <summary>Stripe has refunded: record it against what the refund is linked to.</summary>
    /// <param name="creditMemo">The linked memo as the ledger holds it; null for a refund linked to its payment (or a memo gone missing).</param>
    public Transition RecordRefund(Payment payment, IReadOnlyList<Invoice> invoices, CreditMemo? creditMemo, DateTimeOffset now) =>
        LinkedCreditMemoId is null ? ReopenInvoices(payment, invoices, now) : SettleOnCreditMemo(payment, creditMemo, now);

    /// <summary>
    /// The payment is refunded and the memo absorbs the amount it held, in one transition. The invoices are not
    /// reopened (the memo still settles them) and nothing is reversed in Intacct (a payment exported there never links
    /// to a memo). A memo missing by now cannot stop a refund Stripe made: it is named in the warnings for ops.
    /// </summary>
    private Transition SettleOnCreditMemo(Payment payment, CreditMemo? creditMemo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        EnsureAt(RefundStep.ReopenInvoices);
        var settled = creditMemo?.Settle(Amount.MinorUnits);
        var warning = settled is null
            ? $"Credit memo {LinkedCreditMemoId} was not found when the refund was recorded; record the refund of {Amount} on it by hand."
            : null;
        var recorded = (this with
        {
            LastError = null,
            IntacctStatus = IntacctStatus.NotApplicable,
            IntacctArPaymentKey = null,
            Warnings = warning is null ? Warnings : [.. Warnings, warning],
        })
            .Finish(RuntimeStatus.Completed, now, null)
            .Record(
                RefundStep.ReopenInvoices,
                now,
                "RecordedOnCreditMemo",
                settled is null ? LinkedCreditMemoId : $"{settled.CreditMemoId}: refunded {settled.TotalRefundedMinor} of {settled.Amount} ({settled.Status})");
        if (warning is not null)
        {
            recorded = recorded.AndRecord(RefundStep.ReopenInvoices, now, "CreditMemoMissing", warning);
        }

        return recorded.ToTransition(payment with { Status = PaymentStatus.Refunded }, creditMemo: settled);
    }
}
