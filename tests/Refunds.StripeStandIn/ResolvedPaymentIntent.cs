namespace Refunds.StripeStandIn;

/// <summary>
/// A payment intent the stand-in was never told about, as <see cref="StripeStandInOptions.ResolvePaymentIntent"/> describes
/// it: a succeeded payment of <see cref="Amount"/> (minor units) in <see cref="Currency"/> on connected account
/// <see cref="Account"/>, paid by <see cref="PaymentMethodType"/> (Stripe's name: <c>card</c>, <c>us_bank_account</c>, <c>sepa_debit</c>).
/// </summary>
public sealed record ResolvedPaymentIntent(string Account, long Amount, string Currency, string PaymentMethodType = "card");
