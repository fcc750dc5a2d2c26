namespace Refunds.StripeStandIn.Ledger;

/// <summary>Refunds that happen at Stripe without our API calls: made in the Dashboard, or failing after they succeeded.</summary>
internal sealed partial class StandInLedger
{
    /// <summary>
    /// A merchant refunds in the Stripe Dashboard: a succeeded refund without our metadata, debited from the balance,
    /// announced by <c>refund.created</c>. <paramref name="created"/> backdates it (Stripe's <c>created</c>).
    /// </summary>
    public StandInRefund CreateDashboardRefund(string account, string paymentIntentId, long? amount, DateTimeOffset? created)
    {
        lock (gate)
        {
            var paymentIntent = PaymentIntent(paymentIntentId);
            if (paymentIntent.Account != account)
            {
                throw new InvalidOperationException($"Payment intent '{paymentIntentId}' belongs to {paymentIntent.Account}, not {account}.");
            }

            var refundable = paymentIntent.Amount - refunds.Values.Where(r => r.PaymentIntent == paymentIntent && r.Holds).Sum(r => r.Amount);
            var refunded = amount ?? refundable;
            if (refunded <= 0 || refunded > refundable)
            {
                throw new InvalidOperationException($"Payment intent '{paymentIntentId}' has {refundable} left to refund, not {refunded}.");
            }

            var refund = new RefundRecord
            {
                Id = NewId("re_"),
                Sequence = ++sequence,
                Account = account,
                PaymentIntent = paymentIntent,
                Amount = refunded,
                Reason = "requested_by_customer",
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal),
                Created = created ?? Clock.GetUtcNow(),
                Script = RefundScript.Succeed,
                Status = "succeeded",
                Debited = true,
                BalanceTransaction = NewId("txn_"),
            };
            Balance(account, paymentIntent.Currency).Available -= refunded;
            refunds[refund.Id] = refund;
            EventRaised?.Invoke("refund.created", account, refund.ToJson());
            return refund.ToPublic();
        }
    }

    /// <summary>
    /// A refund that had succeeded ends <paramref name="status"/> (<c>failed</c> or <c>canceled</c>) days later, as
    /// Stripe may report for a card or bank that refused the money: the amount returns to the balance, and
    /// <c>refund.failed</c> (or <c>refund.updated</c>) is sent.
    /// </summary>
    public void FailSucceededRefund(string refundId, string status, string failureReason)
    {
        if (status is not ("failed" or "canceled"))
        {
            throw new InvalidOperationException($"A succeeded refund can become failed or canceled, not '{status}'.");
        }

        lock (gate)
        {
            if (!refunds.TryGetValue(refundId, out var refund) || refund.Status != "succeeded")
            {
                throw new InvalidOperationException($"The stand-in has no succeeded refund '{refundId}'.");
            }

            if (refund.Debited)
            {
                Balance(refund.Account, refund.PaymentIntent.Currency).Available += refund.Amount;
                refund.Debited = false;
                refund.FailureBalanceTransaction = NewId("txn_");
            }

            refund.Status = status;
            refund.FailureReason = failureReason;
            EventRaised?.Invoke(status == "failed" ? "refund.failed" : "refund.updated", refund.Account, refund.ToJson());
        }
    }

    /// <summary>Stripe no longer knows the refund on any account (the listing and a read by id both miss it).</summary>
    public void ForgetRefund(string refundId)
    {
        lock (gate)
        {
            if (!refunds.Remove(refundId))
            {
                throw new InvalidOperationException($"The stand-in has no refund '{refundId}'.");
            }
        }
    }
}
