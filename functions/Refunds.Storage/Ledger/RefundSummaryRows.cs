using Azure.Data.Tables;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>
/// A refund's summary row (<see cref="RowKeys.RefundIndex"/>): derived from the record and written in the record's own
/// transaction, so an organization's refunds list newest first from one range of its partition, filters included.
/// </summary>
internal static class RefundSummaryRows
{
    public const string Marks = "Marks";
    public const string LinkedType = "LinkedType";
    public const string LinkedId = "LinkedId";
    public const string WaitingReason = "WaitingReason";
    public const string Shortfall = "Shortfall";

    public static TableEntity ToRow(RefundSummary summary)
    {
        var row = Columns.NewRow(RowKeys.Partition(summary.OrganizationId), RowKeys.RefundIndex(summary.CreatedAt, summary.RefundId), RowKinds.RefundSummary);
        row[nameof(RefundSummary.RefundId)] = summary.RefundId;
        row[nameof(RefundSummary.PaymentId)] = summary.PaymentId;
        row[WorkflowRows.WorkflowKind] = summary.Kind.ToString();
        Columns.SetMoney(row, nameof(RefundSummary.Amount), summary.Amount);
        row[nameof(RefundSummary.RuntimeStatus)] = summary.RuntimeStatus.ToString();
        row[nameof(RefundSummary.Step)] = summary.Step.ToString();
        Columns.SetEnum(row, WaitingReason, summary.Waiting?.Reason);
        if (summary.Waiting?.Shortfall is { } shortfall)
        {
            Columns.SetMoney(row, Shortfall, shortfall);
        }

        row[nameof(RefundSummary.IntacctStatus)] = summary.IntacctStatus.ToString();
        row[LinkedType] = summary.LinkedTo.Type.ToString();
        row[LinkedId] = summary.LinkedTo.Id;
        row[nameof(RefundSummary.CreatedAt)] = RowKeys.AtKeyPrecision(summary.CreatedAt);
        row[nameof(RefundSummary.UpdatedAt)] = summary.UpdatedAt;
        row[nameof(RefundSummary.Revision)] = summary.Revision;
        row[Marks] = (int)summary.Marks;
        row[nameof(RefundSummary.OrchestrationDueAt)] = summary.OrchestrationDueAt;
        return row;
    }

    public static RefundSummary FromRow(TableEntity row) => new()
    {
        OrganizationId = row.PartitionKey,
        RefundId = Columns.String(row, nameof(RefundSummary.RefundId)),
        PaymentId = Columns.String(row, nameof(RefundSummary.PaymentId)),
        Kind = Columns.Enum<WorkflowKind>(row, WorkflowRows.WorkflowKind),
        Amount = Columns.GetMoney(row, nameof(RefundSummary.Amount)),
        RuntimeStatus = Columns.Enum<RuntimeStatus>(row, nameof(RefundSummary.RuntimeStatus)),
        Step = Columns.Enum<RefundStep>(row, nameof(RefundSummary.Step)),
        Waiting = Columns.OptionalEnum<WaitingReason>(row, WaitingReason) is { } reason
            ? new WaitingSummary(reason, row.ContainsKey(Shortfall + "Minor") ? Columns.GetMoney(row, Shortfall) : null)
            : null,
        IntacctStatus = Columns.Enum<IntacctStatus>(row, nameof(RefundSummary.IntacctStatus)),
        LinkedTo = new RefundLink(Columns.Enum<RefundLinkType>(row, LinkedType), Columns.String(row, LinkedId)),
        CreatedAt = Columns.Time(row, nameof(RefundSummary.CreatedAt)),
        UpdatedAt = Columns.Time(row, nameof(RefundSummary.UpdatedAt)),
        Revision = Columns.Int32(row, nameof(RefundSummary.Revision)),
        Marks = (AttentionMarks)Columns.Int32(row, Marks),
        OrchestrationDueAt = Columns.Time(row, nameof(RefundSummary.OrchestrationDueAt)),
    };
}
