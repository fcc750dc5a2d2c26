using Refunds.Domain.Refunds;

namespace Refunds.Domain.Reconciliation;

/// <summary>
/// Stripe's refunds against the ledger's, as pure functions: what differs, and what a person should do about it.
/// Stripe is the authority on where money went; the ledger on what we recorded.
/// </summary>
public static class ReconciliationRules
{
    /// <summary>A refund Stripe lists, against the ledger's side of it; null <paramref name="ledger"/>: not a payment we track.</summary>
    public static IReadOnlyList<Finding> ForStripeRefund(StripeRefundFact stripe, LedgerSide? ledger)
    {
        ArgumentNullException.ThrowIfNull(stripe);
        if (ledger is null)
        {
            return [];
        }

        if (ledger.Refund is { } ours && Records(ours, stripe))
        {
            return Compare(ours, stripe);
        }

        return stripe.MovedMoney ? [Unrecorded(stripe, ledger)] : [];
    }

    /// <summary>
    /// A refund of ours that records a Stripe refund the listing did not show: <paramref name="atStripe"/> is that refund
    /// read on its own (created outside the window), or null when Stripe does not know it on the connected account.
    /// </summary>
    public static IReadOnlyList<Finding> ForOurRefund(RefundWorkflow ours, StripeRefundFact? atStripe)
    {
        ArgumentNullException.ThrowIfNull(ours);
        if (ours.StripeRefundId is not { } stripeRefundId)
        {
            return [];
        }

        if (atStripe is not null)
        {
            return Compare(ours, atStripe);
        }

        return
        [
            New(FindingCode.StripeRefundMissing, ours, null) with
            {
                StripeRefundId = stripeRefundId,
                Difference = $"Refund {ours.RefundId} ({ours.RuntimeStatus}) records Stripe refund {stripeRefundId}, which Stripe does not know on connected account {ours.ConnectedAccountId}.",
                SuggestedAction = "Look the refund up in the Stripe Dashboard of that account. If Stripe never refunded, the ledger is wrong: restore the payment and its invoices by hand and refund again; if the record names the wrong Stripe refund, correct it by hand.",
            },
        ];
    }

    /// <summary>Whether <paramref name="ours"/> is the record of <paramref name="stripe"/>.</summary>
    public static bool Records(RefundWorkflow ours, StripeRefundFact stripe)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(stripe);
        return ours.Kind == WorkflowKind.Refund
            && (string.Equals(ours.StripeRefundId, stripe.Id, StringComparison.Ordinal)
                || (ours.StripeRefundId is null && string.Equals(ours.RefundId, stripe.OurRefundId, StringComparison.Ordinal)));
    }

    /// <summary>Our refund and the Stripe refund it records.</summary>
    public static IReadOnlyList<Finding> Compare(RefundWorkflow ours, StripeRefundFact stripe)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(stripe);
        var findings = new List<Finding>();
        if (stripe.Undone && ours.RuntimeStatus == RuntimeStatus.Completed)
        {
            findings.Add(New(FindingCode.StripeRefundFailedAfterCompleted, ours, stripe) with
            {
                Difference = $"Refund {ours.RefundId} is Completed here (payment refunded), but Stripe's refund {stripe.Id} is now {stripe.StatusText}{Reason(stripe)}: the money did not go back.",
                SuggestedAction = "Tell the merchant the customer was not refunded. Refund again outside (Stripe Dashboard) and settle the new refund by hand, or, if the merchant keeps the money, restore the payment and its invoices by hand.",
            });
        }

        if (stripe.MovedMoney && ours.RuntimeStatus is RuntimeStatus.Waiting or RuntimeStatus.Failed or RuntimeStatus.Canceled)
        {
            findings.Add(New(FindingCode.StripeSucceededNotCompleted, ours, stripe) with
            {
                Difference = $"Refund {ours.RefundId} is {ours.RuntimeStatus} here, but Stripe's refund {stripe.Id} succeeded: the money went back.",
                SuggestedAction = ours.RuntimeStatus == RuntimeStatus.Waiting
                    ? $"Retry the refund (POST .../refunds/{ours.RefundId}/retry): it asks Stripe now and completes, recording the payment refunded."
                    : "The payment still shows succeeded and could be refunded again: record the refund by hand (payment refunded, invoices reopened or the credit memo settled, Intacct reversed if exported) and warn the merchant.",
            });
        }

        if ((stripe.MovedMoney || ours.RuntimeStatus == RuntimeStatus.Completed) && stripe.Amount != ours.Amount)
        {
            findings.Add(New(FindingCode.AmountMismatch, ours, stripe) with
            {
                Difference = $"Refund {ours.RefundId} records {ours.Amount}; Stripe's refund {stripe.Id} is {stripe.Amount}.",
                SuggestedAction = "Compare the payment as the platform synced it with the payment intent at Stripe; correct the payment, invoices and the Intacct reversal by hand to the amount Stripe refunded.",
            });
        }

        return findings;
    }

    private static Finding Unrecorded(StripeRefundFact stripe, LedgerSide ledger)
    {
        var payment = ledger.Payment;
        var holder = ledger.Refund;
        string action;
        if (payment is null)
        {
            action = $"Stripe's metadata names refund {stripe.OurRefundId}, which the ledger no longer holds: restore that record, or record the refund on payment {ledger.PaymentId} by hand.";
        }
        else if (payment.Status == Payments.PaymentStatus.Refunded)
        {
            action = $"Payment {payment.PaymentId} is already recorded as refunded by {payment.ActiveRefundId}. If Stripe failed that refund (a stripe_refund_failed_after_completed finding), this one replaces it: note it on that record by hand; otherwise the customer got the money back twice: settle with the merchant and Stripe by hand.";
        }
        else if (holder is { IsTerminal: false })
        {
            action = $"Refund {holder.RefundId} of ours holds the payment ({holder.RuntimeStatus}). If it waits for funds with nothing at Stripe, cancel it (POST .../refunds/{holder.RefundId}/cancel), then record this refund with the record action.";
        }
        else
        {
            action = "Record it with the record action: the payment becomes refunded, its invoices reopen (or its credit memo is settled, per the organization's setting) and an exported payment is reversed in Intacct.";
        }

        return new Finding
        {
            FindingId = Finding.IdFor(FindingCode.StripeRefundUnrecorded, stripe.ConnectedAccountId, stripe.Id, null),
            Code = FindingCode.StripeRefundUnrecorded,
            ConnectedAccountId = stripe.ConnectedAccountId,
            OrganizationId = ledger.OrganizationId,
            PaymentId = ledger.PaymentId,
            RefundId = holder?.RefundId,
            StripeRefundId = stripe.Id,
            PaymentIntentId = stripe.PaymentIntentId,
            OurAmount = payment?.Amount,
            StripeAmount = stripe.Amount,
            OurStatus = holder?.RuntimeStatus.ToString(),
            StripeStatus = stripe.StatusText,
            StripeCreatedAt = stripe.Created,
            Difference = $"Stripe refunded {stripe.Amount} of payment intent {stripe.PaymentIntentId} (refund {stripe.Id}, created {stripe.Created:u}) and no refund here records it.",
            SuggestedAction = action,
        };
    }

    private static Finding New(FindingCode code, RefundWorkflow ours, StripeRefundFact? stripe) => new()
    {
        FindingId = Finding.IdFor(code, ours.ConnectedAccountId, stripe?.Id ?? ours.StripeRefundId, ours.RefundId),
        Code = code,
        ConnectedAccountId = ours.ConnectedAccountId,
        OrganizationId = ours.OrganizationId,
        PaymentId = ours.PaymentId,
        RefundId = ours.RefundId,
        StripeRefundId = stripe?.Id,
        PaymentIntentId = ours.StripePaymentIntentId,
        OurAmount = ours.Amount,
        StripeAmount = stripe?.Amount,
        OurStatus = ours.RuntimeStatus.ToString(),
        StripeStatus = stripe?.StatusText,
        StripeCreatedAt = stripe?.Created,
        OurCreatedAt = ours.CreatedAt,
        Difference = string.Empty,
        SuggestedAction = string.Empty,
    };

    private static string Reason(StripeRefundFact stripe) => stripe.FailureReason is { } reason ? $" ({reason})" : string.Empty;
}
