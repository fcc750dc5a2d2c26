using Azure;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Domain.Common;

namespace Refunds.Storage.StripeEvents;

/// <summary>
/// Payment intent → (organization, payment) rows in the ledger table, partition = the payment intent id, so a
/// Stripe event that names only a payment intent finds its payment with one point read.
/// </summary>
public sealed class TablePaymentIntentIndex : IPaymentIntentIndex
{
    public const string RowKey = "payment-intent";
    public const string Kind = "PaymentIntentLink";

    private readonly TableClient _table;

    public TablePaymentIntentIndex(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    public async Task<PaymentRef?> FindAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(paymentIntentId))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(paymentIntentId), RowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? ToRef(row) : null;
    }

    public async Task<LinkOutcome> LinkAsync(string paymentIntentId, PaymentRef payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var row = new TableEntity(Partition(paymentIntentId), RowKey)
        {
            ["Kind"] = Kind,
            ["OrganizationId"] = payment.OrganizationId,
            ["PaymentId"] = payment.PaymentId,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return LinkOutcome.Linked;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(row.PartitionKey, RowKey, cancellationToken: cancellationToken);
            return ToRef(existing.Value) == payment ? LinkOutcome.Linked : LinkOutcome.Taken;
        }
    }

    private static string Partition(string paymentIntentId) =>
        Ids.IsValid(paymentIntentId) ? "payment-intent|" + paymentIntentId : throw new ArgumentException($"'{paymentIntentId}' is not a valid payment intent id.", nameof(paymentIntentId));

    private static PaymentRef ToRef(TableEntity row) =>
        new(row.GetString("OrganizationId") ?? throw new InvalidDataException($"Row {row.PartitionKey} has no OrganizationId."),
            row.GetString("PaymentId") ?? throw new InvalidDataException($"Row {row.PartitionKey} has no PaymentId."));
}
