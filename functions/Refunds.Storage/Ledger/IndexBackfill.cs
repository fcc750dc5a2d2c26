using Azure;
using Azure.Data.Tables;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>
/// Indexes the records stored before the summary and attention rows existed: a scan of the record rows, once, in
/// slices, with the service's continuation kept in a bookkeeping row between slices, and a "done" mark at the end so
/// that later calls cost one point read. Safe beside live writers: a summary row is only added where none exists (a
/// commit writes its own), and the attention row only widened (the repair narrows it later).
/// </summary>
internal sealed class IndexBackfill(TableClient table, AttentionIndex attention)
{
    /// <summary>Bump the version to index every record again after the index rows change shape.</summary>
    public const string RowKey = "backfill-v1";

    private const string Done = "Done";
    private const string Continuation = "Continuation";

    public async Task<bool> RunAsync(int maxRecords, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        var state = await table.GetEntityIfExistsAsync<TableEntity>(RowKeys.MetaPartition, RowKey, cancellationToken: cancellationToken);
        var progress = state.HasValue && state.Value is { } row ? row : new TableEntity(RowKeys.MetaPartition, RowKey);
        if (progress.GetBoolean(Done) == true)
        {
            return true;
        }

        var continuation = progress.GetString(Continuation);
        var filter = TableClient.CreateQueryFilter($"Kind eq {RowKinds.Workflow}");
        var indexed = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxRecords, 1000), cancellationToken: cancellationToken).AsPages(continuation))
        {
            foreach (var record in page.Values)
            {
                await IndexAsync(WorkflowRows.FromRow(record), cancellationToken);
            }

            indexed += page.Values.Count;
            continuation = page.ContinuationToken;
            progress[Continuation] = continuation;
            progress[Done] = continuation is null;
            await table.UpsertEntityAsync(progress, TableUpdateMode.Replace, cancellationToken);
            if (continuation is null)
            {
                return true;
            }

            if (indexed >= maxRecords)
            {
                return false;
            }
        }

        progress[Done] = true;
        await table.UpsertEntityAsync(progress, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    private async Task IndexAsync(RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        var summary = RefundSummary.Of(workflow);
        try
        {
            await table.AddEntityAsync(RefundSummaryRows.ToRow(summary), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // A commit since the index existed wrote it, and it is at least as new as what this scan read.
        }

        await attention.WidenAsync(summary, previous: null, isInsert: false, cancellationToken);
    }
}
