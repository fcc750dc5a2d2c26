using Azure;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Domain.Common;

namespace Refunds.Storage.StripeEvents;

/// <summary>
/// One row per Stripe event id in the ledger table, partition = the event id. Events are only ever looked up by
/// id, so every event gets its own partition: inserts never contend, however fast Stripe delivers, and the
/// '|' in the key keeps these partitions apart from organizations' (organization ids cannot contain it).
/// </summary>
public sealed class TableStripeEventLog : IStripeEventLog
{
    public const string RowKey = "stripe-event";
    public const string Kind = "StripeEvent";
    private const string ProcessedAt = "ProcessedAt";

    private readonly TableClient _table;

    public TableStripeEventLog(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    public static string Partition(string eventId) =>
        Ids.IsValid(eventId) ? "stripe-event|" + eventId : throw new ArgumentException($"'{eventId}' is not a valid Stripe event id.", nameof(eventId));

    public async Task<EventRecordOutcome> RecordAsync(StripeEvent stripeEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var row = new TableEntity(Partition(stripeEvent.Id), RowKey)
        {
            ["Kind"] = Kind,
            ["EventId"] = stripeEvent.Id,
            ["Type"] = stripeEvent.Type,
            ["Account"] = stripeEvent.Account,
            ["Created"] = stripeEvent.Created,
            ["PaymentIntentId"] = stripeEvent.PaymentIntentId,
            ["OurRefundId"] = stripeEvent.OurRefundId,
            ["StripeRefundId"] = stripeEvent.Refund?.Id,
            ["StripeRefundStatus"] = stripeEvent.Refund?.Status.ToString(),
            ["DisputeId"] = stripeEvent.DisputeId,
            ["DisputeReason"] = stripeEvent.DisputeReason,
            ["ReceivedAt"] = receivedAt,
        };
        foreach (var empty in row.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            // An absent column is how a table says "none".
            row.Remove(empty);
        }

        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return EventRecordOutcome.New;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(row.PartitionKey, RowKey, select: [ProcessedAt], cancellationToken: cancellationToken);
            return existing.Value.GetDateTimeOffset(ProcessedAt) is null ? EventRecordOutcome.SeenNotProcessed : EventRecordOutcome.SeenAndProcessed;
        }
    }

    public async Task MarkProcessedAsync(string eventId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        // Upsert: an event queued by hand (or by the Functions host replaying an old message) may have no row yet.
        var row = new TableEntity(Partition(eventId), RowKey) { ["Kind"] = Kind, ["EventId"] = eventId, [ProcessedAt] = processedAt };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }
}
