using Azure.Data.Tables;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>
/// A row of the attention index (partition <see cref="RowKeys.AttentionPartition"/>): which record it points at, and
/// one boolean column per mark so that a query filters on them in the service.
/// </summary>
internal static class AttentionRows
{
    public const string OrganizationId = "OrganizationId";
    public const string RefundId = "RefundId";
    public const string CreatedAt = "CreatedAt";
    public const string DueAt = "DueAt";
    public const string Revision = "Revision";

    /// <summary>The column of each mark, for filters and rows alike.</summary>
    public static readonly IReadOnlyList<(AttentionMarks Mark, string Column)> MarkColumns =
    [
        (AttentionMarks.NeedsOrchestration, nameof(AttentionMarks.NeedsOrchestration)),
        (AttentionMarks.WaitingForFunds, nameof(AttentionMarks.WaitingForFunds)),
        (AttentionMarks.IntacctFailed, nameof(AttentionMarks.IntacctFailed)),
        (AttentionMarks.Failed, nameof(AttentionMarks.Failed)),
        (AttentionMarks.Warnings, nameof(AttentionMarks.Warnings)),
    ];

    public static string KeyOf(RefundSummary summary) => RowKeys.Attention(summary.CreatedAt, summary.OrganizationId, summary.RefundId);

    public static TableEntity ToRow(RefundSummary summary, AttentionPointer pointer)
    {
        var row = Columns.NewRow(RowKeys.AttentionPartition, KeyOf(summary), RowKinds.Attention);
        row[OrganizationId] = summary.OrganizationId;
        row[RefundId] = summary.RefundId;
        row[CreatedAt] = summary.CreatedAt;
        row[Revision] = pointer.Revision;
        foreach (var (mark, column) in MarkColumns)
        {
            row[column] = pointer.Marks.HasFlag(mark);
        }

        Columns.SetOptional(row, DueAt, pointer.DueAt);
        return row;
    }

    public static AttentionPointer PointerOf(TableEntity row)
    {
        var marks = AttentionMarks.None;
        foreach (var (mark, column) in MarkColumns)
        {
            if (row.GetBoolean(column) == true)
            {
                marks |= mark;
            }
        }

        return new AttentionPointer(marks, Columns.OptionalTime(row, DueAt), Columns.Int32(row, Revision));
    }

    /// <summary>The organization, refund and creation time the row points at.</summary>
    public static (string OrganizationId, string RefundId, DateTimeOffset CreatedAt) TargetOf(TableEntity row) =>
        (Columns.String(row, OrganizationId), Columns.String(row, RefundId), Columns.Time(row, CreatedAt));
}
