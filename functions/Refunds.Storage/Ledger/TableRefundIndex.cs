using Azure;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>Reads (and mends) the indexes <see cref="TableLedgerStore"/> keeps beside the records; every query names one partition.</summary>
public sealed class TableRefundIndex : IRefundIndex
{
    /// <summary>Point reads of summaries at once for one page of attention rows.</summary>
    private const int ParallelReads = 32;

    private readonly TableClient _table;
    private readonly AttentionIndex _attention;
    private readonly TimeProvider _time;

    public TableRefundIndex(TableClient table, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(time);
        _table = table;
        _time = time;
        _attention = new AttentionIndex(table);
    }

    public async Task<IndexPage<RefundSummary>> ListAsync(string organizationId, RefundListFilter filter, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var partition = RowKeys.Partition(organizationId);
        var from = filter.CreatedTo is { } to ? RowKeys.RefundIndexBefore(to) : RowKeys.RefundIndexPrefix;
        var until = filter.CreatedFrom is { } createdFrom ? RowKeys.RefundIndexBefore(createdFrom) : RowKeys.PrefixEnd(RowKeys.RefundIndexPrefix);
        var clauses = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {until}"),
        };
        if (after is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (filter.PaymentId is { } paymentId)
        {
            clauses.Add(TableClient.CreateQueryFilter($"PaymentId eq {paymentId}"));
        }

        if (filter.Statuses.Count > 0)
        {
            clauses.Add(AnyOf(filter.Statuses.Order().Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))));
        }

        var (rows, more) = await QueryAsync(string.Join(" and ", clauses), pageSize, cancellationToken);
        var items = rows.Select(RefundSummaryRows.FromRow).ToList();
        return new IndexPage<RefundSummary>(items, more && rows.Count > 0 ? rows[^1].RowKey : null, rows.Count);
    }

    public async Task<IndexPage<RefundSummary?>> ReadAttentionAsync(AttentionFilter filter, DateTimeOffset stalledBefore, string? after, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var until = filter.CreatedBefore is { } before ? RowKeys.OldestFirst(before) : "~";
        var clauses = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {RowKeys.AttentionPartition} and RowKey lt {until}"),
        };
        if (after is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (filter.OrganizationId is { } organizationId)
        {
            clauses.Add(TableClient.CreateQueryFilter($"OrganizationId eq {organizationId}"));
        }

        clauses.Add(AnyOf(filter.Reasons.Order().Select(reason => ReasonFilter(reason, stalledBefore))));
        var (rows, more) = await QueryAsync(string.Join(" and ", clauses), take, cancellationToken);
        var summaries = new RefundSummary?[rows.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => summaries[i] = await SummaryOfAsync(rows[i], ct));
        return new IndexPage<RefundSummary?>(summaries, more && rows.Count > 0 ? rows[^1].RowKey : null, rows.Count * 2);
    }

    public async Task<int> RepairAttentionAsync(TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RowKeys.AttentionPartition}");
        var now = _time.GetUtcNow();
        var repaired = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (await _attention.RepairAsync(row, await SummaryOfAsync(row, cancellationToken), now, abandonedAfter, cancellationToken))
            {
                repaired++;
            }
        }

        return repaired;
    }

    public Task<bool> BackfillAsync(int maxRecords, CancellationToken cancellationToken) =>
        new IndexBackfill(_table, _attention).RunAsync(maxRecords, cancellationToken);

    private async Task<RefundSummary?> SummaryOfAsync(TableEntity attentionRow, CancellationToken cancellationToken)
    {
        var (organizationId, refundId, createdAt) = AttentionRows.TargetOf(attentionRow);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            RowKeys.Partition(organizationId), RowKeys.RefundIndex(createdAt, refundId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? RefundSummaryRows.FromRow(row) : null;
    }

    /// <summary>
    /// Up to <paramref name="take"/> rows in key order, and whether the range may hold more. A filtered query may come
    /// back short with a continuation (the service stops at its own limits), so pages are followed until enough rows came.
    /// </summary>
    private async Task<(List<TableEntity> Rows, bool More)> QueryAsync(string filter, int take, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(take);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: cancellationToken).AsPages())
        {
            var room = take - rows.Count;
            rows.AddRange(page.Values.Take(room));
            if (rows.Count >= take)
            {
                return (rows, page.Values.Count > room || page.ContinuationToken is not null);
            }

            if (page.ContinuationToken is null)
            {
                return (rows, false);
            }
        }

        return (rows, false);
    }

    private static string ReasonFilter(AttentionReason reason, DateTimeOffset stalledBefore) => reason switch
    {
        AttentionReason.WaitingForFunds => Flag(AttentionMarks.WaitingForFunds),
        AttentionReason.IntacctFailed => Flag(AttentionMarks.IntacctFailed),
        AttentionReason.Failed => Flag(AttentionMarks.Failed),
        AttentionReason.Warnings => Flag(AttentionMarks.Warnings),
        AttentionReason.Stalled => $"({Flag(AttentionMarks.NeedsOrchestration)} and {AttentionRows.DueAt} lt {TableClient.CreateQueryFilter($"{stalledBefore}")})",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown attention reason."),
    };

    private static string Flag(AttentionMarks mark) => $"{mark} eq true";

    private static string AnyOf(IEnumerable<string> clauses) => "(" + string.Join(" or ", clauses) + ")";
}
