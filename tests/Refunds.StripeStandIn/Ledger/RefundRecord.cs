using System.Text.Json.Nodes;

namespace Refunds.StripeStandIn.Ledger;

internal sealed class RefundRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string Account { get; init; }

    public required PaymentIntentRecord PaymentIntent { get; init; }

    public required long Amount { get; init; }

    public required string? Reason { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required RefundScript Script { get; init; }

    public required string Status { get; set; }

    public string? PendingReason { get; set; }

    public string? FailureReason { get; set; }

    public string? BalanceTransaction { get; set; }

    public string? FailureBalanceTransaction { get; set; }

    /// <summary>Whether the amount has left the account's available balance (and must return if the refund fails).</summary>
    public bool Debited { get; set; }

    public int Retrieves { get; set; }

    public bool IsFinal => Status is "succeeded" or "failed" or "canceled";

    /// <summary>Counts against what is left to refund on the payment.</summary>
    public bool Holds => Status is not ("failed" or "canceled");

    public JsonObject ToJson()
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in Metadata)
        {
            metadata[key] = value;
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "refund",
            ["amount"] = Amount,
            ["balance_transaction"] = BalanceTransaction,
            ["charge"] = PaymentIntent.ChargeId,
            ["created"] = Created.ToUnixTimeSeconds(),
            ["currency"] = PaymentIntent.Currency,
            ["destination_details"] = new JsonObject { ["type"] = PaymentIntent.PaymentMethodType },
            ["failure_balance_transaction"] = FailureBalanceTransaction,
            ["failure_reason"] = FailureReason,
            ["metadata"] = metadata,
            ["payment_intent"] = PaymentIntent.Id,
            ["pending_reason"] = PendingReason,
            ["reason"] = Reason,
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = Status,
            ["transfer_reversal"] = null,
        };
    }

    public StandInRefund ToPublic() =>
        new(Id, Account, PaymentIntent.Id, Amount, PaymentIntent.Currency, Status, Reason, Metadata, FailureReason, PendingReason, Created);
}
