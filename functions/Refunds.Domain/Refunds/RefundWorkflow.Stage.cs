namespace Refunds.Domain.Refunds;

/// <summary>
/// What the orchestration reads from the record: the stage of the story and when it is due. Activities compare the
/// record's stage with the one they serve, so an activity run for a stage the record has left does nothing.
/// </summary>
public sealed partial record RefundWorkflow
{
    public RefundStage Stage => RuntimeStatus switch
    {
        RuntimeStatus.Completed => RefundStage.Recorded,
        RuntimeStatus.Failed => RefundStage.Failed,
        RuntimeStatus.Canceled => RefundStage.Canceled,
        _ => Step switch
        {
            RefundStep.CreateStripeRefund => IsWaitingForFunds ? RefundStage.WaitingForFunds : RefundStage.ReadyToCreate,
            RefundStep.AwaitStripeRefund => RefundStage.PendingAtStripe,
            RefundStep.ReopenInvoices => RefundStage.ReadyToRecord,
            _ => throw new InvalidOperationException($"Refund {RefundId} is live at step {Step}, which has no stage."),
        },
    };

    /// <summary>Whether an orchestration still has work on this record: a live refund, or a pending Intacct reversal.</summary>
    public bool NeedsOrchestration => !IsTerminal || IntacctPending;

    /// <summary>When the orchestration should next act: a poll's back-off, the next balance check, an Intacct retry.</summary>
    public DateTimeOffset OrchestrationDueAt => IsTerminal ? IntacctDueAt ?? UpdatedAt : DueAt;
}
