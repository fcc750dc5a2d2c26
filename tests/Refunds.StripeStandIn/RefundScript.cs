namespace Refunds.StripeStandIn;

/// <summary>
/// How refunds of one payment intent behave. A refund starts in <see cref="InitialStatus"/>; if that is not final it
/// moves to <see cref="FinalStatus"/> on the <see cref="SettleAfterRetrieves"/>-th retrieve, or when a test calls
/// <c>SettleRefund</c> / <c>FailRefund</c>.
/// </summary>
public sealed record RefundScript
{
    public string InitialStatus { get; init; } = "succeeded";

    public string? PendingReason { get; init; }

    public string FinalStatus { get; init; } = "succeeded";

    public string? FailureReason { get; init; }

    /// <summary>Null: only the control methods move the refund on.</summary>
    public int? SettleAfterRetrieves { get; init; }

    /// <summary>Cards usually refund at once; the default for every payment intent.</summary>
    public static RefundScript Succeed { get; } = new();

    public static RefundScript PendingThenSucceed(int? afterRetrieves = null) =>
        new() { InitialStatus = "pending", SettleAfterRetrieves = afterRetrieves };

    /// <summary>Stripe accepted the refund but waits for the connected account's balance to cover it.</summary>
    public static RefundScript PendingInsufficientFunds(int? afterRetrieves = null, string? thenFailWith = null) =>
        new()
        {
            InitialStatus = "pending",
            PendingReason = "insufficient_funds",
            FinalStatus = thenFailWith is null ? "succeeded" : "failed",
            FailureReason = thenFailWith,
            SettleAfterRetrieves = afterRetrieves,
        };

    public static RefundScript PendingThenFail(string failureReason, int? afterRetrieves = null) =>
        new() { InitialStatus = "pending", FinalStatus = "failed", FailureReason = failureReason, SettleAfterRetrieves = afterRetrieves };

    public static RefundScript RequiresAction() =>
        new() { InitialStatus = "requires_action" };

    internal bool DefersBalanceCheck => PendingReason == "insufficient_funds";
}
