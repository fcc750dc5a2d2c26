namespace Refunds.Domain.Refunds;

/// <summary>Mirrors Durable Functions' runtime status so ops tooling reads it the same way.</summary>
public enum RuntimeStatus
{
    Pending,
    Running,
    Waiting,
    Completed,
    Failed,
    Canceled,
}

public enum WorkflowKind
{
    /// <summary>An admin refunds a succeeded payment through Stripe.</summary>
    Refund,

    /// <summary>A bank debit failed after it had succeeded; nothing goes back through Stripe.</summary>
    LateFailureReversal,
}

public enum RefundStep
{
    CreateStripeRefund,
    AwaitStripeRefund,
    ReopenInvoices,
    Done,

    /// <summary>Recorded in history only: the Intacct reversal runs after the refund completed, tracked by its own status.</summary>
    ReverseInIntacct,
}

public enum IntacctStatus
{
    NotApplicable,
    Pending,
    Succeeded,
    Failed,
}

public enum RefundReason
{
    RequestedByCustomer,
    Duplicate,
    Fraudulent,
}

public static class RuntimeStatusExtensions
{
    public static bool IsTerminal(this RuntimeStatus status) =>
        status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Canceled;
}
