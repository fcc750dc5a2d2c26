using System.Security.Cryptography;
using System.Text;
using Refunds.Domain.Common;

namespace Refunds.Domain.Reconciliation;

public enum FindingStatus
{
    Open,

    /// <summary>No longer holds: settled by the record action, or a later run over its window did not find it again.</summary>
    Resolved,
}

/// <summary>
/// One difference between Stripe's refunds and the ledger, with what to do about it. Its id is derived from what it is
/// about (class, connected account, Stripe refund, our refund), so every run that finds it names it the same way.
/// </summary>
public sealed record Finding
{
    public required string FindingId { get; init; }
    public required FindingCode Code { get; init; }
    public required string ConnectedAccountId { get; init; }
    public string? OrganizationId { get; init; }
    public string? PaymentId { get; init; }
    public string? RefundId { get; init; }
    public string? StripeRefundId { get; init; }
    public string? PaymentIntentId { get; init; }

    /// <summary>What the ledger says was (or is being) refunded: our refund's amount, or the payment's for an unrecorded refund.</summary>
    public Money? OurAmount { get; init; }

    public Money? StripeAmount { get; init; }

    /// <summary>Our refund's runtime status (Completed, Waiting...), or null when no refund here is involved.</summary>
    public string? OurStatus { get; init; }

    /// <summary>Stripe's refund status (succeeded, failed...), or null when Stripe does not know the refund.</summary>
    public string? StripeStatus { get; init; }

    /// <summary>When Stripe created its refund: a run whose window holds it looks at this finding again.</summary>
    public DateTimeOffset? StripeCreatedAt { get; init; }

    /// <summary>When our refund was started: a run whose window holds it looks at this finding again.</summary>
    public DateTimeOffset? OurCreatedAt { get; init; }

    public required string Difference { get; init; }

    public required string SuggestedAction { get; init; }

    public FindingStatus Status { get; init; } = FindingStatus.Open;

    /// <summary>How it stopped holding: <see cref="Resolutions.Recorded"/> or <see cref="Resolutions.NoLongerHolds"/>.</summary>
    public string? Resolution { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The refund the record action created for it, if any.</summary>
    public string? RecordedRefundId { get; init; }

    /// <summary>Whether a run over [<paramref name="from"/>, <paramref name="to"/>) looks at what this finding is about.</summary>
    public bool IsWithin(DateTimeOffset from, DateTimeOffset to) =>
        (StripeCreatedAt is { } stripe && stripe >= from && stripe < to) || (OurCreatedAt is { } ours && ours >= from && ours < to);

    public Finding Resolve(string resolution, DateTimeOffset at, string? recordedRefundId = null) =>
        this with { Status = FindingStatus.Resolved, Resolution = resolution, ResolvedAt = at, RecordedRefundId = recordedRefundId ?? RecordedRefundId };

    /// <summary>The same subject and class always give the same id: re-runs produce no duplicates.</summary>
    public static string IdFor(FindingCode code, string connectedAccountId, string? stripeRefundId, string? refundId)
    {
        var subject = $"{code.ToWire()}|{connectedAccountId}|{stripeRefundId}|{refundId}";
        return "fd_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..24];
    }
}

public static class Resolutions
{
    /// <summary>An operator recorded the refund found outside (<c>stripe_refund_unrecorded</c>).</summary>
    public const string Recorded = "recorded";

    /// <summary>A later run over the finding's window found records and Stripe agreeing.</summary>
    public const string NoLongerHolds = "no_longer_holds";
}
