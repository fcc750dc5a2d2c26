using Azure.Data.Tables;
using Refunds.Domain.Invoices;

namespace Refunds.Storage.Ledger;

internal static class InvoiceRows
{
    public static TableEntity ToRow(Invoice invoice)
    {
        var row = Columns.NewRow(RowKeys.Partition(invoice.OrganizationId), RowKeys.Invoice(invoice.InvoiceId), RowKinds.Invoice);
        row[nameof(Invoice.InvoiceId)] = invoice.InvoiceId;
        Columns.SetMoney(row, nameof(Invoice.Amount), invoice.Amount);
        row[nameof(Invoice.PaidAmountMinor)] = invoice.PaidAmountMinor;
        row[nameof(Invoice.Status)] = invoice.Status.ToString();
        row[nameof(Invoice.InDispute)] = invoice.InDispute;
        row[nameof(Invoice.InCollections)] = invoice.InCollections;
        return row;
    }

    public static Invoice FromRow(TableEntity row) => new()
    {
        OrganizationId = row.PartitionKey,
        InvoiceId = Columns.String(row, nameof(Invoice.InvoiceId)),
        Amount = Columns.GetMoney(row, nameof(Invoice.Amount)),
        PaidAmountMinor = Columns.Int64(row, nameof(Invoice.PaidAmountMinor)),
        Status = Columns.Enum<InvoiceStatus>(row, nameof(Invoice.Status)),
        InDispute = Columns.Boolean(row, nameof(Invoice.InDispute)),
        InCollections = Columns.Boolean(row, nameof(Invoice.InCollections)),
    };
}
