namespace Refunds.StripeStandIn.Ledger;

internal sealed class PaymentIntentRecord(string account, string id, long amount, string currency, string paymentMethodType, string chargeId)
{
    public string Account { get; } = account;

    public string Id { get; } = id;

    public long Amount { get; } = amount;

    public string Currency { get; } = currency;

    public string PaymentMethodType { get; } = paymentMethodType;

    public string ChargeId { get; } = chargeId;

    public RefundScript Script { get; set; } = RefundScript.Succeed;
}
