namespace Refunds.StripeStandIn.Webhooks;

/// <summary>How the stand-in delivers events; Stripe itself may repeat and reorder them.</summary>
public sealed record WebhookOptions
{
    /// <summary>Send every event twice (same event id), as Stripe may.</summary>
    public bool DeliverTwice { get; init; }

    /// <summary>Keep events until <c>DeliverHeldWebhooksAsync</c>, which can send them in reverse order.</summary>
    public bool Hold { get; init; }
}

/// <summary>One delivery attempt of an event to the configured endpoint.</summary>
public sealed record WebhookDelivery(string EventId, string Type, string Account, int Status, DateTimeOffset At);
