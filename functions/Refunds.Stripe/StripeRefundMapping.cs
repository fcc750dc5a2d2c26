using Refunds.Domain.Refunds;
using Stripe;

namespace Refunds.Stripe;

/// <summary>Translation between Stripe.net's refund objects and our SDK-free types.</summary>
internal static class StripeRefundMapping
{
    public const string RefundIdMetadataKey = "refund_id";

    public static StripeRefundSnapshot ToSnapshot(Refund refund) =>
        new(refund.Id, ToStatus(refund.Status), refund.FailureReason, refund.PendingReason);

    public static StripeRefundStatus ToStatus(string? status) => status switch
    {
        "pending" => StripeRefundStatus.Pending,
        "requires_action" => StripeRefundStatus.RequiresAction,
        "succeeded" => StripeRefundStatus.Succeeded,
        "failed" => StripeRefundStatus.Failed,
        "canceled" => StripeRefundStatus.Canceled,
        // A status we do not know means the API moved on; deciding anything from it would be a guess.
        _ => throw new InvalidOperationException($"Stripe returned the unknown refund status '{status}'."),
    };

    public static string? ToStripeReason(RefundReason? reason) => reason switch
    {
        null => null,
        RefundReason.RequestedByCustomer => "requested_by_customer",
        RefundReason.Duplicate => "duplicate",
        RefundReason.Fraudulent => "fraudulent",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown refund reason."),
    };

    public static bool IsOurs(Refund refund, string refundId) =>
        refund.Metadata is { } metadata
        && metadata.TryGetValue(RefundIdMetadataKey, out var value)
        && string.Equals(value, refundId, StringComparison.Ordinal);
}
