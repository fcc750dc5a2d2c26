using Azure.Data.Tables;
using Refunds.Application.Ports;

namespace Refunds.Storage.Ledger;

internal static class ArPaymentClaimRows
{
    public static TableEntity ToRow(string partition, ArPaymentClaim claim)
    {
        var row = Columns.NewRow(partition, RowKeys.ArPaymentClaim(claim.ArPaymentKey), RowKinds.ArPaymentClaim);
        row[nameof(ArPaymentClaim.ArPaymentKey)] = claim.ArPaymentKey;
        row[nameof(ArPaymentClaim.PaymentId)] = claim.PaymentId;
        return row;
    }

    public static ArPaymentClaim FromRow(TableEntity row) => new(
        Columns.String(row, nameof(ArPaymentClaim.ArPaymentKey)),
        Columns.String(row, nameof(ArPaymentClaim.PaymentId)));
}
