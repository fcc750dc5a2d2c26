using Refunds.Domain.Common;

namespace Refunds.Domain.Refunds;

/// <summary>Why ops should look at a refund (see <see cref="RefundSummary.Attention"/>).</summary>
public enum AttentionReason
{
    /// <summary>Waiting for the connected account's Stripe balance (Stripe refused, or holds the refund pending for funds).</summary>
    WaitingForFunds,

    /// <summary>The Intacct reversal failed for a business reason: ops fix it in Intacct, then retry it.</summary>
    IntacctFailed,

    /// <summary>The refund failed: Stripe failed it, or the wait for funds gave up. Nothing was refunded.</summary>
    Failed,

    /// <summary>Its orchestration has not moved although the record was due longer ago than the stall grace.</summary>
    Stalled,

    /// <summary>The record names something to settle by hand (a late bank failure while Stripe holds the refund, a missing invoice).</summary>
    Warnings,
}

/// <summary>
/// The attention reasons a record carries whatever the time, plus whether an orchestration still has work on it (the
/// time-dependent <see cref="AttentionReason.Stalled"/> is decided from that and the due time when read).
/// </summary>
[Flags]
public enum AttentionMarks
{
    None = 0,
    NeedsOrchestration = 1,
    WaitingForFunds = 2,
    IntacctFailed = 4,
    Failed = 8,
    Warnings = 16,
}

public enum WaitingReason
{
    /// <summary>The connected account's balance cannot cover the refund; <see cref="WaitingSummary.Shortfall"/> says by how much.</summary>
    InsufficientFunds,

    /// <summary>Stripe needs the customer to act before the refund can complete.</summary>
    RequiresAction,

    /// <summary>Stripe holds the refund as pending for another reason.</summary>
    PendingAtStripe,
}

/// <summary>Why a <see cref="RuntimeStatus.Waiting"/> refund waits; <see cref="Shortfall"/> only for insufficient funds.</summary>
public sealed record WaitingSummary(WaitingReason Reason, Money? Shortfall);

/// <summary>
/// A refund record reduced to what a list shows and what decides whether ops must look at it. Derived from the record
/// alone, so the ledger can keep it beside the record in the same transaction.
/// </summary>
public sealed record RefundSummary
{
    public required string RefundId { get; init; }
    public required string OrganizationId { get; init; }
    public required string PaymentId { get; init; }
    public required WorkflowKind Kind { get; init; }
    public required Money Amount { get; init; }
    public required RuntimeStatus RuntimeStatus { get; init; }
    public required RefundStep Step { get; init; }
    public WaitingSummary? Waiting { get; init; }
    public required IntacctStatus IntacctStatus { get; init; }
    public required RefundLink LinkedTo { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The record's history length: every committed change of a record appends at least one history line, so this
    /// grows with every commit and orders two versions of the same record.
    /// </summary>
    public required int Revision { get; init; }

    public required AttentionMarks Marks { get; init; }

    /// <summary>When the orchestration should next act on the record (meaningful while <see cref="AttentionMarks.NeedsOrchestration"/>).</summary>
    public required DateTimeOffset OrchestrationDueAt { get; init; }

    public static RefundSummary Of(RefundWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new RefundSummary
        {
            RefundId = workflow.RefundId,
            OrganizationId = workflow.OrganizationId,
            PaymentId = workflow.PaymentId,
            Kind = workflow.Kind,
            Amount = workflow.Amount,
            RuntimeStatus = workflow.RuntimeStatus,
            Step = workflow.Step,
            Waiting = WaitingOf(workflow),
            IntacctStatus = workflow.IntacctStatus,
            LinkedTo = workflow.LinkedTo,
            CreatedAt = workflow.CreatedAt,
            UpdatedAt = workflow.UpdatedAt,
            Revision = workflow.HistoryCount,
            Marks = MarksOf(workflow),
            OrchestrationDueAt = workflow.OrchestrationDueAt,
        };
    }

    /// <summary>The reasons ops should look at this refund at <paramref name="now"/>, in a fixed order; empty when none.</summary>
    /// <param name="stallGrace">How long past its due time a record may sit before it counts as stalled (the reconciler's grace).</param>
    public IReadOnlyList<AttentionReason> Attention(DateTimeOffset now, TimeSpan stallGrace)
    {
        var reasons = new List<AttentionReason>();
        if (Marks.HasFlag(AttentionMarks.WaitingForFunds))
        {
            reasons.Add(AttentionReason.WaitingForFunds);
        }

        if (Marks.HasFlag(AttentionMarks.IntacctFailed))
        {
            reasons.Add(AttentionReason.IntacctFailed);
        }

        if (Marks.HasFlag(AttentionMarks.Failed))
        {
            reasons.Add(AttentionReason.Failed);
        }

        if (IsStalled(now, stallGrace))
        {
            reasons.Add(AttentionReason.Stalled);
        }

        if (Marks.HasFlag(AttentionMarks.Warnings))
        {
            reasons.Add(AttentionReason.Warnings);
        }

        return reasons;
    }

    public bool IsStalled(DateTimeOffset now, TimeSpan stallGrace) =>
        Marks.HasFlag(AttentionMarks.NeedsOrchestration) && OrchestrationDueAt < now - stallGrace;

    /// <remarks>
    /// A refund canceled because its bank debit failed late carries a warning that asks nothing of ops (the reversal
    /// took over the payment), so warnings count only on records that did not end canceled.
    /// </remarks>
    private static AttentionMarks MarksOf(RefundWorkflow workflow)
    {
        var marks = AttentionMarks.None;
        if (workflow.NeedsOrchestration)
        {
            marks |= AttentionMarks.NeedsOrchestration;
        }

        if (workflow.RuntimeStatus == RuntimeStatus.Waiting && workflow.FundsWait is not null)
        {
            marks |= AttentionMarks.WaitingForFunds;
        }

        if (workflow.IntacctStatus == IntacctStatus.Failed)
        {
            marks |= AttentionMarks.IntacctFailed;
        }

        if (workflow.RuntimeStatus == RuntimeStatus.Failed)
        {
            marks |= AttentionMarks.Failed;
        }

        if (workflow.Warnings.Count > 0 && workflow.RuntimeStatus != RuntimeStatus.Canceled)
        {
            marks |= AttentionMarks.Warnings;
        }

        return marks;
    }

    private static WaitingSummary? WaitingOf(RefundWorkflow workflow) => workflow.RuntimeStatus != RuntimeStatus.Waiting
        ? null
        : workflow.FundsWait is { } funds
            ? new WaitingSummary(WaitingReason.InsufficientFunds, funds.ShortOf(workflow.Amount))
            : workflow.StripeRefundStatus == StripeRefundStatus.RequiresAction
                ? new WaitingSummary(WaitingReason.RequiresAction, null)
                : new WaitingSummary(WaitingReason.PendingAtStripe, null);
}
