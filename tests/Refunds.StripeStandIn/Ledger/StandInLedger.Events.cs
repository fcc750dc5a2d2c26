using System.Text.Json.Nodes;

namespace Refunds.StripeStandIn.Ledger;

/// <summary>Things that happen at Stripe without an API call from us: top-ups and disputes.</summary>
internal sealed partial class StandInLedger
{
    /// <summary>
    /// Funds arrive in the account's available balance. Like Stripe, refunds held as pending for insufficient funds
    /// are then processed, oldest first, as far as the balance covers them; then <c>balance.available</c> is sent.
    /// </summary>
    public void TopUp(string account, string currency, long amountMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        lock (gate)
        {
            var balance = Balance(account, currency);
            balance.Available += amountMinor;
            var held = refunds.Values
                .Where(r => r.Account == account && r.Status == "pending" && r.PendingReason == "insufficient_funds"
                    && string.Equals(r.PaymentIntent.Currency, currency, StringComparison.OrdinalIgnoreCase)
                    && r.Script.FinalStatus == "succeeded")
                .OrderBy(r => r.Sequence)
                .ToList();
            foreach (var refund in held.TakeWhile(r => balance.Available >= r.Amount))
            {
                Move(refund, "succeeded", failureReason: null);
            }

            EventRaised?.Invoke("balance.available", account, BalanceOf(account).Body);
        }
    }

    /// <summary>The customer's bank (or card issuer) disputes the payment; Stripe sends <c>charge.dispute.created</c>.</summary>
    public string CreateDispute(string paymentIntentId, string reason)
    {
        lock (gate)
        {
            var paymentIntent = PaymentIntent(paymentIntentId);
            var id = NewId("du_");
            var dispute = new JsonObject
            {
                ["id"] = id,
                ["object"] = "dispute",
                ["amount"] = paymentIntent.Amount,
                ["balance_transactions"] = new JsonArray(),
                ["charge"] = paymentIntent.ChargeId,
                ["created"] = Clock.GetUtcNow().ToUnixTimeSeconds(),
                ["currency"] = paymentIntent.Currency,
                ["is_charge_refundable"] = false,
                ["livemode"] = false,
                ["metadata"] = new JsonObject(),
                ["payment_intent"] = paymentIntent.Id,
                ["reason"] = reason,
                ["status"] = paymentIntent.PaymentMethodType == "card" ? "needs_response" : "lost",
            };
            EventRaised?.Invoke("charge.dispute.created", paymentIntent.Account, dispute);
            return id;
        }
    }

    /// <summary>Sends any event, for types the stand-in does not model.</summary>
    public void RaiseEvent(string type, string account, JsonObject dataObject)
    {
        lock (gate)
        {
            EventRaised?.Invoke(type, account, dataObject);
        }
    }
}
