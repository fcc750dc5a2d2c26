namespace Refunds.StripeStandIn;

/// <summary>Money that moves at Stripe outside the app: what reconciliation must find.</summary>
public sealed partial class StripeStandIn
{
    /// <summary>
    /// The merchant refunds in the Stripe Dashboard: a succeeded refund without <c>metadata.refund_id</c> (all that is left
    /// of the payment intent unless <paramref name="amountMinor"/> says less), optionally backdated to <paramref name="created"/>.
    /// </summary>
    public StandInRefund CreateDashboardRefund(string account, string paymentIntentId, long? amountMinor = null, DateTimeOffset? created = null) =>
        ledger.CreateDashboardRefund(account, paymentIntentId, amountMinor, created);

    /// <summary>A succeeded refund turns <c>failed</c> (or <c>canceled</c>) later, and its amount returns to the balance.</summary>
    public void FailSucceededRefund(string refundId, string failureReason = "expired_or_canceled_card", string status = "failed") =>
        ledger.FailSucceededRefund(refundId, status, failureReason);

    /// <summary>Stripe forgets the refund: what a record naming a refund Stripe does not know looks like from outside.</summary>
    public void ForgetRefund(string refundId) => ledger.ForgetRefund(refundId);
}
