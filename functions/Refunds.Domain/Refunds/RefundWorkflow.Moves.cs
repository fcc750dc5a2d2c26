namespace Refunds.Domain.Refunds;

/// <summary>
/// The one decision the orchestration takes from the record: which activity runs next and when. The record, not the
/// orchestration's history, stays the arbiter, so an activity told to run a move the record has left does nothing.
/// </summary>
public sealed partial record RefundWorkflow
{
    public WorkflowMove NextMove =>
        IsTerminal
            ? IntacctPending ? WorkflowMove.ReverseInIntacct : WorkflowMove.None
            : Step switch
            {
                RefundStep.CreateStripeRefund => IsWaitingForFunds ? WorkflowMove.CheckFunds : WorkflowMove.CreateStripeRefund,
                RefundStep.AwaitStripeRefund => WorkflowMove.PollStripeRefund,
                RefundStep.ReopenInvoices => WorkflowMove.ReopenInvoices,
                _ => throw new InvalidOperationException($"Refund {RefundId} is live at step {Step}, which has no move."),
            };

    /// <summary>When <see cref="NextMove"/> is due: a poll's back-off, the next balance check, an Intacct retry.</summary>
    public DateTimeOffset NextMoveDueAt => IsTerminal ? IntacctDueAt ?? UpdatedAt : DueAt;
}
