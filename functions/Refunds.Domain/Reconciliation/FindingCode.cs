namespace Refunds.Domain.Reconciliation;

/// <summary>The classes of drift between Stripe's refunds and the ledger; each has a stable wire code.</summary>
public enum FindingCode
{
    /// <summary>Stripe holds a succeeded refund on a payment we track that no refund here records (refunded outside).</summary>
    StripeRefundUnrecorded,

    /// <summary>Our refund is Completed, but Stripe's refund is now failed or canceled.</summary>
    StripeRefundFailedAfterCompleted,

    /// <summary>Our refund is Waiting, Failed or Canceled while Stripe holds a succeeded refund for it.</summary>
    StripeSucceededNotCompleted,

    /// <summary>Our refund and Stripe's differ in amount or currency.</summary>
    AmountMismatch,

    /// <summary>Our refund records a Stripe refund id that Stripe does not know on that connected account.</summary>
    StripeRefundMissing,
}

public static class FindingCodes
{
    public const string StripeRefundUnrecorded = "stripe_refund_unrecorded";
    public const string StripeRefundFailedAfterCompleted = "stripe_refund_failed_after_completed";
    public const string StripeSucceededNotCompleted = "stripe_succeeded_not_completed";
    public const string AmountMismatch = "amount_mismatch";
    public const string StripeRefundMissing = "stripe_refund_missing";

    public static IReadOnlyList<FindingCode> All { get; } = Enum.GetValues<FindingCode>();

    public static string ToWire(this FindingCode code) => code switch
    {
        FindingCode.StripeRefundUnrecorded => StripeRefundUnrecorded,
        FindingCode.StripeRefundFailedAfterCompleted => StripeRefundFailedAfterCompleted,
        FindingCode.StripeSucceededNotCompleted => StripeSucceededNotCompleted,
        FindingCode.AmountMismatch => AmountMismatch,
        FindingCode.StripeRefundMissing => StripeRefundMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown finding code."),
    };

    public static FindingCode FromWire(string code)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToWire() == code)
            {
                return candidate;
            }
        }

        throw new InvalidDataException($"'{code}' is not a finding code.");
    }
}
