namespace Refunds.Application.Orchestrations;

/// <summary>
/// External events a refund orchestration waits for. Each is raised only after the ledger recorded what happened,
/// so an event only wakes the orchestration early; a lost one costs a delay until the next timer, never a decision.
/// </summary>
public static class WorkflowEvents
{
    public const string RefundUpdated = "refund.updated";
    public const string RefundFailed = "refund.failed";
    public const string BalanceAvailable = "balance.available";
    public const string Retry = "retry";
    public const string Cancel = "cancel";

    /// <summary>The reconciler's nudge for a record overdue while its orchestration sleeps (a lost event).</summary>
    public const string Wake = "wake";

    public static readonly IReadOnlyList<string> All = [RefundUpdated, RefundFailed, BalanceAvailable, Retry, Cancel, Wake];

    /// <summary>The event that wakes a refund for a Stripe refund event (refund.created wakes it as an update).</summary>
    public static string ForStripeEvent(string stripeEventType) =>
        stripeEventType == RefundFailed ? RefundFailed : RefundUpdated;
}
