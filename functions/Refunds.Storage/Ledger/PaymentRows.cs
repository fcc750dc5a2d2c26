using Azure.Data.Tables;
using Refunds.Domain.Payments;

namespace Refunds.Storage.Ledger;

internal static class PaymentRows
{
    public static TableEntity ToRow(Payment payment)
    {
        var row = Columns.NewRow(RowKeys.Partition(payment.OrganizationId), RowKeys.Payment(payment.PaymentId), RowKinds.Payment);
        row[nameof(Payment.PaymentId)] = payment.PaymentId;
        row[nameof(Payment.StripePaymentIntentId)] = payment.StripePaymentIntentId;
        row[nameof(Payment.ConnectedAccountId)] = payment.ConnectedAccountId;
        Columns.SetMoney(row, nameof(Payment.Amount), payment.Amount);
        row[nameof(Payment.Status)] = payment.Status.ToString();
        row[nameof(Payment.Source)] = payment.Source.ToString();
        row[nameof(Payment.PaidAt)] = payment.PaidAt;
        Columns.SetJson(
            row,
            nameof(Payment.Allocations),
            payment.Allocations.Select(a => new StoredAllocation(a.InvoiceId, a.AmountMinor)).ToList(),
            LedgerJson.Default.ListStoredAllocation);
        Columns.SetOptional(row, nameof(Payment.IntacctArPaymentKey), payment.IntacctArPaymentKey);
        Columns.SetOptional(row, nameof(Payment.ActiveRefundId), payment.ActiveRefundId);
        row[nameof(Payment.Method)] = payment.Method.ToString();
        return row;
    }

    public static Payment FromRow(TableEntity row) => new()
    {
        OrganizationId = row.PartitionKey,
        PaymentId = Columns.String(row, nameof(Payment.PaymentId)),
        StripePaymentIntentId = Columns.String(row, nameof(Payment.StripePaymentIntentId)),
        ConnectedAccountId = Columns.String(row, nameof(Payment.ConnectedAccountId)),
        Amount = Columns.GetMoney(row, nameof(Payment.Amount)),
        Status = Columns.Enum<PaymentStatus>(row, nameof(Payment.Status)),
        Source = Columns.Enum<PaymentSource>(row, nameof(Payment.Source)),
        PaidAt = Columns.Time(row, nameof(Payment.PaidAt)),
        Allocations = Columns.Json(row, nameof(Payment.Allocations), LedgerJson.Default.ListStoredAllocation)
            .Select(a => new InvoiceAllocation(a.InvoiceId, a.AmountMinor))
            .ToList(),
        IntacctArPaymentKey = Columns.OptionalString(row, nameof(Payment.IntacctArPaymentKey)),
        ActiveRefundId = Columns.OptionalString(row, nameof(Payment.ActiveRefundId)),

        // Rows written before the column existed did not know the method.
        Method = Columns.OptionalEnum<PaymentMethod>(row, nameof(Payment.Method)) ?? PaymentMethod.Other,
    };
}
