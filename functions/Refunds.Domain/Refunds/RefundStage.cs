namespace Refunds.Domain.Refunds;

/// <summary>
/// Where a refund stands in its story, as its orchestration reads it: what it waits for next, or how it ended.
/// Derived from the record (see <see cref="RefundWorkflow.Stage"/>), so the record stays the arbiter.
/// </summary>
public enum RefundStage
{
    /// <summary>Nothing refunded yet and nothing in the way: create (or create again) the Stripe refund when due.</summary>
    ReadyToCreate,

    /// <summary>Stripe refused for insufficient balance: wait for funds, the admin's retry or cancel, or the deadline.</summary>
    WaitingForFunds,

    /// <summary>Stripe holds the refund as pending (or needs action): wait for its webhook or the next poll.</summary>
    PendingAtStripe,

    /// <summary>The money moved (Stripe refunded it, or the bank took it back): record it on the ledger.</summary>
    ReadyToRecord,

    /// <summary>Recorded on the payment or the credit memo; only an Intacct reversal may still be pending.</summary>
    Recorded,

    Failed,

    Canceled,
}
