namespace Refunds.Application.Orchestrations;

/// <summary>
/// The external events a refund's orchestration waits for. Each is raised only after the ledger recorded what
/// happened and carries the record's progress after that commit, so the orchestration acts on it without reading.
/// A lost event costs a delay until the next timer or the reconciler's <see cref="WakeUp"/>, never a decision.
/// </summary>
public interface IRefundSignal
{
    /// <summary>Where the record stands after the commit that raised the signal; null when the signal only says "look now".</summary>
    RefundProgress? Progress { get; }
}

/// <summary>A Stripe webhook (refund.created, refund.updated, refund.failed) was applied to the record.</summary>
public sealed record StripeRefundChanged(string StripeEventId, RefundProgress Progress) : IRefundSignal;

/// <summary>Stripe's balance.available for the connected account: look at the balance now.</summary>
public sealed record FundsAvailable(string StripeEventId, RefundProgress Progress) : IRefundSignal;

/// <summary>The admin topped up the balance and asked to try again now.</summary>
public sealed record RetryRequested(string RequestedBy, RefundProgress Progress) : IRefundSignal;

/// <summary>The admin canceled a refund waiting for funds (or a late bank failure did): it has ended.</summary>
public sealed record CancelRequested(string RequestedBy, RefundProgress Progress) : IRefundSignal;

/// <summary>
/// The reconciler found the record overdue while its orchestration slept (an event was lost), or ops asked it to look
/// now. It carries no progress: the step's activity reads the record.
/// </summary>
public sealed record WakeUp(string Reason) : IRefundSignal
{
    public RefundProgress? Progress => null;
}
