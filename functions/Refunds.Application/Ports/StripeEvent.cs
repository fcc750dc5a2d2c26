using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// A verified Stripe event, reduced to what we act on and free of the SDK. Kept whole until it is applied, so it
/// stays small whatever Stripe sent.
/// </summary>
/// <param name="Account">The connected account of a Connect event; null for the platform's own events.</param>
/// <param name="PaymentIntentId">Of the refund or the disputed charge.</param>
/// <param name="OurRefundId">A refund's <c>metadata.refund_id</c>: set only on refunds we created.</param>
public sealed record StripeEvent(
    string Id,
    string Type,
    string? Account,
    DateTimeOffset Created,
    string? PaymentIntentId = null,
    string? OurRefundId = null,
    StripeRefundSnapshot? Refund = null,
    string? DisputeId = null,
    string? DisputeReason = null)
{
    public const string RefundCreated = "refund.created";
    public const string RefundUpdated = "refund.updated";
    public const string RefundFailed = "refund.failed";
    public const string DisputeCreated = "charge.dispute.created";
    public const string BalanceAvailable = "balance.available";
}

/// <summary>Checks a webhook's <c>Stripe-Signature</c> against the raw body and reads the event.</summary>
public interface IStripeWebhookVerifier
{
    WebhookVerification Verify(string body, string? signatureHeader);
}

public abstract record WebhookVerification
{
    private WebhookVerification()
    {
    }

    public sealed record Verified(StripeEvent Event) : WebhookVerification;

    /// <summary>Forged, stale, unsigned or unreadable: not from Stripe as far as we can tell.</summary>
    public sealed record Rejected(string Reason) : WebhookVerification;

    /// <summary>Signed with our secret but not a Stripe event (not a JSON object, no id or type): a sender bug, not forgery.</summary>
    public sealed record Malformed(string Reason) : WebhookVerification;

    /// <summary>No signing secret is configured, so nothing can be verified: our fault, not the sender's.</summary>
    public sealed record NotConfigured : WebhookVerification;
}

/// <summary>Every event id Stripe sent us, each recorded once, and whether it has been applied.</summary>
public interface IStripeEventLog
{
    /// <summary>Inserts the event if its id is new; otherwise says whether the earlier copy was processed.</summary>
    Task<EventRecordOutcome> RecordAsync(StripeEvent stripeEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    Task MarkProcessedAsync(string eventId, DateTimeOffset processedAt, CancellationToken cancellationToken);

    /// <summary>Events recorded before <paramref name="receivedBefore"/> and not applied yet (applying threw, or the process died).</summary>
    IAsyncEnumerable<StripeEvent> FindUnappliedAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken);
}

public enum EventRecordOutcome
{
    New,

    /// <summary>Seen before but not yet applied (applying threw, or the process died): apply it again.</summary>
    SeenNotProcessed,

    SeenAndProcessed,
}

/// <summary>Which organization's payment a Stripe payment intent paid: events name payment intents, never organizations.</summary>
public interface IPaymentIntentIndex
{
    Task<PaymentRef?> FindAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>Links the payment intent to the payment if unlinked; refuses if it is linked to another payment.</summary>
    Task<LinkOutcome> LinkAsync(string paymentIntentId, PaymentRef payment, CancellationToken cancellationToken);
}

public sealed record PaymentRef(string OrganizationId, string PaymentId);

public enum LinkOutcome
{
    Linked,

    /// <summary>The payment intent already belongs to another payment.</summary>
    Taken,
}
