using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Refunds.Application.Ports;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>
/// The ledger in one Azure table: partition = organization, so a workflow, its history, its payment and
/// invoices commit together in one entity-group transaction.
/// </summary>
public sealed class TableLedgerStore : ILedgerStore
{
    /// <summary>The service's limit for one entity-group transaction.</summary>
    public const int MaxWritesPerCommit = 100;

    private readonly TableClient _table;
    private readonly AttentionIndex _attention;

    public TableLedgerStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _attention = new AttentionIndex(table);
    }

    public Task<Versioned<Payment>?> GetPaymentAsync(string organizationId, string paymentId, CancellationToken cancellationToken) =>
        GetAsync(organizationId, RowKeys.Payment(paymentId), PaymentRows.FromRow, cancellationToken);

    public Task<Versioned<Invoice>?> GetInvoiceAsync(string organizationId, string invoiceId, CancellationToken cancellationToken) =>
        GetAsync(organizationId, RowKeys.Invoice(invoiceId), InvoiceRows.FromRow, cancellationToken);

    public Task<Versioned<CreditMemo>?> GetCreditMemoAsync(string organizationId, string creditMemoId, CancellationToken cancellationToken) =>
        GetAsync(organizationId, RowKeys.CreditMemo(creditMemoId), CreditMemoRows.FromRow, cancellationToken);

    public async Task<IReadOnlyList<Versioned<CreditMemo>>> FindCreditMemosAsync(string organizationId, string invoiceId, CancellationToken cancellationToken)
    {
        var partition = RowKeys.Partition(organizationId);
        var from = RowKeys.CreditMemoPrefix;
        var to = RowKeys.PrefixEnd(from);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to} and InvoiceId eq {invoiceId}");
        var memos = new List<Versioned<CreditMemo>>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            memos.Add(new Versioned<CreditMemo>(CreditMemoRows.FromRow(row), row.ETag.ToString()));
        }

        return memos;
    }

    public Task<Versioned<OrganizationSettings>?> GetSettingsAsync(string organizationId, CancellationToken cancellationToken) =>
        GetAsync(organizationId, RowKeys.Settings, SettingsRows.FromRow, cancellationToken);

    public Task<Versioned<ArPaymentClaim>?> GetArPaymentClaimAsync(string organizationId, string arPaymentKey, CancellationToken cancellationToken) =>
        GetAsync(organizationId, RowKeys.ArPaymentClaim(arPaymentKey), ArPaymentClaimRows.FromRow, cancellationToken);

    public Task<Versioned<RefundWorkflow>?> GetWorkflowAsync(string organizationId, string refundId, CancellationToken cancellationToken) =>
        GetAsync(organizationId, RowKeys.Workflow(refundId), WorkflowRows.FromRow, cancellationToken);

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string organizationId, string refundId, CancellationToken cancellationToken)
    {
        var partition = RowKeys.Partition(organizationId);
        var from = RowKeys.HistoryPrefix(refundId);
        var to = RowKeys.PrefixEnd(from);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        var entries = new List<HistoryEntry>();

        // The service returns a partition's rows in row-key order, and the zero-padded sequence makes that the history order.
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(HistoryRows.FromRow(row));
        }

        return entries;
    }

    /// <remarks>
    /// Each refund record written carries its summary row in the same transaction, and its attention row (another
    /// partition) is widened before and narrowed after the transaction (see <see cref="AttentionIndex"/>).
    /// </remarks>
    public async Task<CommitOutcome> CommitAsync(string organizationId, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        var actions = LedgerTransaction.Build(organizationId, writes);
        var records = writes.OfType<LedgerWrite.PutWorkflow>()
            .Select(w => new IndexedWrite(RefundSummary.Of(w.Workflow), w.Previous is null ? null : RefundSummary.Of(w.Previous), w.ExpectedETag is null))
            .ToList();
        var seen = new List<AttentionIndex.Seen?>(records.Count);
        foreach (var record in records)
        {
            seen.Add(await _attention.WidenAsync(record.Next, record.Previous, record.IsInsert, cancellationToken));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (LedgerTransaction.IsConflict(ex))
        {
            // The whole transaction was rejected, so nothing was written: the caller reloads and decides again.
            return CommitOutcome.Conflict;
        }

        for (var i = 0; i < records.Count; i++)
        {
            await _attention.NarrowAfterCommitAsync(records[i].Next, records[i].Previous, records[i].IsInsert, seen[i], cancellationToken);
        }

        return CommitOutcome.Committed;
    }

    public async IAsyncEnumerable<Versioned<RefundWorkflow>> FindStalledAsync(DateTimeOffset dueBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Running workflows past their step's due time, and settled ones whose Intacct reversal is overdue.
        var filter = TableClient.CreateQueryFilter(
            $"Kind eq {RowKinds.Workflow} and ((IsTerminal eq {false} and DueAt lt {dueBefore}) or (IntacctPending eq {true} and IntacctDueAt lt {dueBefore}))");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new Versioned<RefundWorkflow>(WorkflowRows.FromRow(row), row.ETag.ToString());
        }
    }

    public async IAsyncEnumerable<Versioned<RefundWorkflow>> FindWaitingAsync(string connectedAccountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var waiting = RuntimeStatus.Waiting.ToString();
        var filter = TableClient.CreateQueryFilter(
            $"Kind eq {RowKinds.Workflow} and IsTerminal eq {false} and ConnectedAccountId eq {connectedAccountId} and RuntimeStatus eq {waiting}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new Versioned<RefundWorkflow>(WorkflowRows.FromRow(row), row.ETag.ToString());
        }
    }

    private sealed record IndexedWrite(RefundSummary Next, RefundSummary? Previous, bool IsInsert);

    private async Task<Versioned<T>?> GetAsync<T>(string organizationId, string rowKey, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(RowKeys.Partition(organizationId), rowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row
            ? new Versioned<T>(map(row), row.ETag.ToString())
            : null;
    }
}
