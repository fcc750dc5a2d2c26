using Azure.Data.Tables;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

internal static class HistoryRows
{
    private const string RefundId = "RefundId";

    public static TableEntity ToRow(string organizationId, string refundId, HistoryEntry entry)
    {
        var row = Columns.NewRow(RowKeys.Partition(organizationId), RowKeys.History(refundId, entry.Sequence), RowKinds.History);
        row[RefundId] = refundId;
        row[nameof(HistoryEntry.Sequence)] = entry.Sequence;
        row[nameof(HistoryEntry.Step)] = entry.Step.ToString();
        row[nameof(HistoryEntry.At)] = entry.At;
        row[nameof(HistoryEntry.Outcome)] = entry.Outcome;
        Columns.SetOptional(row, nameof(HistoryEntry.Detail), entry.Detail);
        return row;
    }

    public static HistoryEntry FromRow(TableEntity row) => new(
        Columns.Int32(row, nameof(HistoryEntry.Sequence)),
        Columns.Enum<RefundStep>(row, nameof(HistoryEntry.Step)),
        Columns.Time(row, nameof(HistoryEntry.At)),
        Columns.String(row, nameof(HistoryEntry.Outcome)),
        Columns.OptionalString(row, nameof(HistoryEntry.Detail)));
}
