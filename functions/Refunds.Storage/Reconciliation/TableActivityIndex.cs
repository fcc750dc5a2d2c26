using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Storage.Ledger;

namespace Refunds.Storage.Reconciliation;

/// <summary>
/// The activity index in the reconciliation table: <c>day|{yyyy-MM-dd}</c> holds one row per connected account active
/// that day; <c>day|{yyyy-MM-dd}|{account}</c> one row per refund of ours started there. Writes are upserts of fixed
/// content, so repeating one changes nothing; an account already noted today by this process is not written again.
/// </summary>
public sealed class TableActivityIndex : IActivityIndex
{
    public const string AccountKind = "ActiveAccount";
    public const string RefundKind = "IndexedRefund";

    /// <summary>Enough for every account active in a day or two; past it the memory starts afresh (a few repeated writes).</summary>
    private const int MaxRemembered = 100_000;

    private readonly TableClient _table;
    private readonly ConcurrentDictionary<(DateOnly Day, string Account), byte> _noted = new();

    public TableActivityIndex(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    public async Task NoteAccountAsync(DateOnly day, string connectedAccountId, CancellationToken cancellationToken)
    {
        if (_noted.ContainsKey((day, connectedAccountId)))
        {
            return;
        }

        var row = Columns.NewRow(ReconciliationKeys.Day(day), ReconciliationKeys.Checked(connectedAccountId, nameof(connectedAccountId)), AccountKind);
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        if (_noted.Count >= MaxRemembered)
        {
            _noted.Clear();
        }

        _noted.TryAdd((day, connectedAccountId), 0);
    }

    public async Task NoteRefundAsync(IndexedRefund refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var row = Columns.NewRow(ReconciliationKeys.DayAccount(refund.Day, refund.ConnectedAccountId), ReconciliationKeys.IndexedRefund(refund.OrganizationId, refund.RefundId), RefundKind);
        row[nameof(IndexedRefund.OrganizationId)] = refund.OrganizationId;
        row[nameof(IndexedRefund.RefundId)] = refund.RefundId;
        row[nameof(IndexedRefund.CreatedAt)] = refund.CreatedAt;
        await Task.WhenAll(
            _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken),
            NoteAccountAsync(refund.Day, refund.ConnectedAccountId, cancellationToken));
    }

    public async Task<IReadOnlyList<string>> GetAccountsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var partition = ReconciliationKeys.Day(day);
        var accounts = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            accounts.Add(row.RowKey);
        }

        return accounts;
    }

    public async IAsyncEnumerable<IndexedRefund> GetRefundsAsync(DateOnly day, string connectedAccountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = ReconciliationKeys.DayAccount(day, connectedAccountId);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            yield return new IndexedRefund(
                connectedAccountId,
                Columns.String(row, nameof(IndexedRefund.OrganizationId)),
                Columns.String(row, nameof(IndexedRefund.RefundId)),
                Columns.Time(row, nameof(IndexedRefund.CreatedAt)));
        }
    }
}
