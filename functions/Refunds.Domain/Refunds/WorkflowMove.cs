namespace Refunds.Domain.Refunds;

/// <summary>What the orchestration runs next for a refund record, and from when; decided by <see cref="RefundWorkflow.NextMove"/>.</summary>
public enum WorkflowMove
{
    CreateStripeRefund,

    /// <summary>Stripe refused for insufficient balance: read the balance (or give up) before creating again.</summary>
    CheckFunds,

    PollStripeRefund,
    ReopenInvoices,
    ReverseInIntacct,

    /// <summary>Nothing left to do: the refund is settled and its Intacct reversal, if any, is no longer pending.</summary>
    None,
}
