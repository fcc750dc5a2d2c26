namespace Refunds.Application.Sync;

public enum UpsertOutcome
{
    Created,
    Updated,
    Unchanged,

    /// <summary>The record is owned by a refund now; the platform may not rewrite it.</summary>
    Locked,

    /// <summary>The Stripe payment intent already belongs to another payment.</summary>
    PaymentIntentTaken,

    /// <summary>The Intacct AR payment already belongs to another payment of the organization.</summary>
    IntacctArPaymentTaken,
}
