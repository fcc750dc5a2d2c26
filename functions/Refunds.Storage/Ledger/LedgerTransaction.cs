using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

/// <summary>Turns ledger writes into one entity-group transaction and classifies its failures.</summary>
internal static class LedgerTransaction
{
    /// <summary>
    /// Rejects what Azure would reject, even where Azurite would not (it accepts cross-partition batches):
    /// code tested against the emulator must not depend on that.
    /// </summary>
    public static List<TableTransactionAction> Build(string organizationId, IReadOnlyList<LedgerWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var partition = RowKeys.Partition(organizationId);
        if (writes.Count == 0)
        {
            throw new ArgumentException("A commit needs at least one write.", nameof(writes));
        }

        // Each record written brings its summary row (same partition, same transaction), so the service's limit counts those too.
        var rows = writes.Count + writes.Count(w => w is LedgerWrite.PutWorkflow);
        if (rows > TableLedgerStore.MaxWritesPerCommit)
        {
            throw new ArgumentException($"A commit holds at most {TableLedgerStore.MaxWritesPerCommit} rows; this one has {rows} ({writes.Count} writes and a summary row per refund record).", nameof(writes));
        }

        var actions = new List<TableTransactionAction>(writes.Count);
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            var action = ToAction(partition, write);
            var row = action.Entity;
            if (!string.Equals(row.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Write {row.RowKey} belongs to organization '{row.PartitionKey}', not '{partition}'.", nameof(writes));
            }

            if (!rowKeys.Add(row.RowKey))
            {
                throw new ArgumentException($"Row {row.RowKey} is written twice in one commit.", nameof(writes));
            }

            actions.Add(action);
            if (write is LedgerWrite.PutWorkflow workflow)
            {
                // Unconditional: the record's own ETag (or insert) already orders every write of this row.
                var summary = RefundSummaryRows.ToRow(RefundSummary.Of(workflow.Workflow));
                if (!rowKeys.Add(summary.RowKey))
                {
                    throw new ArgumentException($"Row {summary.RowKey} is written twice in one commit.", nameof(writes));
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, summary));
            }
        }

        return actions;
    }

    /// <summary>
    /// 412: a row no longer carries the expected ETag. 409 EntityAlreadyExists: an insert found its row.
    /// 404 ResourceNotFound: a replace or delete found no row, so the version the caller read is gone as well.
    /// Anything else (a missing table, throttling, a bad request) is not a lost race and propagates.
    /// </summary>
    public static bool IsConflict(RequestFailedException ex) =>
        ex.Status == 412
        || (ex.Status == 409 && ex.ErrorCode == TableErrorCode.EntityAlreadyExists.ToString())
        || (ex.Status == 404 && ex.ErrorCode == TableErrorCode.ResourceNotFound.ToString());

    private static TableTransactionAction ToAction(string partition, LedgerWrite write) => write switch
    {
        LedgerWrite.PutPayment p => Put(PaymentRows.ToRow(p.Payment), p.ExpectedETag),
        LedgerWrite.PutInvoice i => Put(InvoiceRows.ToRow(i.Invoice), i.ExpectedETag),
        LedgerWrite.PutCreditMemo c => Put(CreditMemoRows.ToRow(c.CreditMemo), c.ExpectedETag),
        LedgerWrite.PutSettings s => Put(SettingsRows.ToRow(s.Settings), s.ExpectedETag),
        LedgerWrite.PutWorkflow w => Put(WorkflowRows.ToRow(w.Workflow), w.ExpectedETag),
        LedgerWrite.AppendHistory h => Put(HistoryRows.ToRow(partition, h.RefundId, h.Entry), null),
        LedgerWrite.ClaimArPayment c => Put(ArPaymentClaimRows.ToRow(partition, new ArPaymentClaim(c.ArPaymentKey, c.PaymentId)), null),
        LedgerWrite.ReleaseArPayment r => new TableTransactionAction(
            TableTransactionActionType.Delete, new TableEntity(partition, RowKeys.ArPaymentClaim(r.ArPaymentKey)), new ETag(r.ExpectedETag)),
        _ => throw new ArgumentException($"Unknown ledger write {write.GetType().Name}.", nameof(write)),
    };

    /// <summary>No ETag: insert, failing if the row exists. An ETag: replace, only if the row still carries it.</summary>
    private static TableTransactionAction Put(TableEntity row, string? expectedETag) => expectedETag is null
        ? new TableTransactionAction(TableTransactionActionType.Add, row)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(expectedETag));
}
