using Azure.Data.Tables;
using Refunds.Domain.CreditMemos;

namespace Refunds.Storage.Ledger;

internal static class CreditMemoRows
{
    /// <summary>Queried (by this literal name, see <see cref="TableLedgerStore.FindCreditMemosAsync"/>) to find the memos crediting an invoice.</summary>
    private const string InvoiceIdColumn = "InvoiceId";

    public static TableEntity ToRow(CreditMemo memo)
    {
        var row = Columns.NewRow(RowKeys.Partition(memo.OrganizationId), RowKeys.CreditMemo(memo.CreditMemoId), RowKinds.CreditMemo);
        row[nameof(CreditMemo.CreditMemoId)] = memo.CreditMemoId;
        row[InvoiceIdColumn] = memo.InvoiceId;
        Columns.SetMoney(row, nameof(CreditMemo.Amount), memo.Amount);
        row[nameof(CreditMemo.RefundedAmountMinor)] = memo.RefundedAmountMinor;
        row[nameof(CreditMemo.RefundedHereMinor)] = memo.RefundedHereMinor;
        row[nameof(CreditMemo.ReservedMinor)] = memo.ReservedMinor;

        // Derived, stored for whoever reads the table directly.
        row[nameof(CreditMemo.Status)] = memo.Status.ToString();
        return row;
    }

    public static CreditMemo FromRow(TableEntity row) => new()
    {
        OrganizationId = row.PartitionKey,
        CreditMemoId = Columns.String(row, nameof(CreditMemo.CreditMemoId)),
        InvoiceId = Columns.String(row, InvoiceIdColumn),
        Amount = Columns.GetMoney(row, nameof(CreditMemo.Amount)),
        RefundedAmountMinor = Columns.Int64(row, nameof(CreditMemo.RefundedAmountMinor)),
        RefundedHereMinor = Columns.Int64(row, nameof(CreditMemo.RefundedHereMinor)),
        ReservedMinor = Columns.Int64(row, nameof(CreditMemo.ReservedMinor)),
    };
}
