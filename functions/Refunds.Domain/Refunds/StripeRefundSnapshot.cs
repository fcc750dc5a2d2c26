namespace Refunds.Domain.Refunds;

public enum StripeRefundStatus
{
    Pending,
    RequiresAction,
    Succeeded,
    Failed,
    Canceled,
}

/// <summary>What Stripe last said about our refund, independent of the SDK that said it.</summary>
public sealed record StripeRefundSnapshot(
    string Id,
    StripeRefundStatus Status,
    string? FailureReason = null,
    string? PendingReason = null);
