namespace Refunds.StripeStandIn;

/// <summary>One Stripe API request as the stand-in saw it; <see cref="Parameters"/> merges query and form.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string? Account,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Parameters,
    int Status,
    bool Replayed,
    DateTimeOffset At);

/// <summary>A refund as the stand-in holds it.</summary>
public sealed record StandInRefund(
    string Id,
    string Account,
    string PaymentIntentId,
    long Amount,
    string Currency,
    string Status,
    string? Reason,
    IReadOnlyDictionary<string, string> Metadata,
    string? FailureReason,
    string? PendingReason,
    DateTimeOffset Created);

public sealed record StandInBalance(long Available, long Pending);
