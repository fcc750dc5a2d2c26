using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Domain.Common;

namespace Refunds.Storage.StripeEvents;

/// <summary>
/// One row per Stripe event id in the ledger table, partition = the event id. Events are only ever looked up by
/// id, so every event gets its own partition: inserts never contend, however fast Stripe delivers, and the
/// '|' in the key keeps these partitions apart from organizations' (organization ids cannot contain it).
/// Until an event is applied, a marker row holding the whole event sits in one partition of its own, so the reconciler
/// finds what is left to apply with a one-partition query whose size is the backlog, never the history.
/// </summary>
public sealed class TableStripeEventLog : IStripeEventLog
{
    public const string RowKey = "stripe-event";
    public const string Kind = "StripeEvent";
    private const string ProcessedAt = "ProcessedAt";
    private const string UnappliedPartition = "stripe-events|unapplied";
    private const string UnappliedKind = "UnappliedStripeEvent";

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

        EventRecordOutcome outcome;
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            outcome = EventRecordOutcome.New;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(row.PartitionKey, RowKey, select: [ProcessedAt], cancellationToken: cancellationToken);
            if (existing.Value.GetDateTimeOffset(ProcessedAt) is not null)
            {
                return EventRecordOutcome.SeenAndProcessed;
            }

            outcome = EventRecordOutcome.SeenNotProcessed;
        }

        // The marker goes only on an event still to apply. A crash before it leaves the event unanswered, so Stripe
        // redelivers it and this upsert runs then.
        await _table.UpsertEntityAsync(
            new TableEntity(UnappliedPartition, stripeEvent.Id)
            {
                ["Kind"] = UnappliedKind,
                ["ReceivedAt"] = receivedAt,
                ["Event"] = JsonSerializer.Serialize(stripeEvent),
            },
            TableUpdateMode.Merge,
            cancellationToken);
        return outcome;
    }

    public async Task MarkProcessedAsync(string eventId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        // Upsert: an event queued by hand (or by the Functions host replaying an old message) may have no row yet.
        var row = new TableEntity(Partition(eventId), RowKey) { ["Kind"] = Kind, ["EventId"] = eventId, [ProcessedAt] = processedAt };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        await _table.DeleteEntityAsync(UnappliedPartition, eventId, ETag.All, cancellationToken);
    }

    public async IAsyncEnumerable<StripeEvent> FindUnappliedAsync(DateTimeOffset receivedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {UnappliedPartition} and ReceivedAt lt {receivedBefore}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Event"], cancellationToken: cancellationToken))
        {
            yield return JsonSerializer.Deserialize<StripeEvent>(row.GetString("Event") ?? throw new InvalidDataException($"Unapplied event {row.RowKey} has no body."))
                ?? throw new InvalidDataException($"Unapplied event {row.RowKey} is empty.");
        }
    }
}
