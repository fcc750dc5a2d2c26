using Azure.Data.Tables;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Ledger;

internal static partial class WorkflowRows
{
    /// <summary>Stored so the reconciler can find settled records whose Intacct reversal is overdue with one equality.</summary>
    public const string IntacctPending = "IntacctPending";

    private static void SetIntacct(TableEntity row, RefundWorkflow workflow)
    {
        row[IntacctPending] = workflow.IntacctPending;
        Columns.SetOptional(row, nameof(RefundWorkflow.IntacctDueAt), workflow.IntacctDueAt);
        row[nameof(RefundWorkflow.IntacctAttempts)] = workflow.IntacctAttempts;
        row[nameof(RefundWorkflow.IntacctRetries)] = workflow.IntacctRetries;
        if (workflow.IntacctError is { } error)
        {
            Columns.SetJson(row, nameof(RefundWorkflow.IntacctError), new StoredIntacctError(error.ErrorNumber, error.Description, error.At), LedgerJson.Default.StoredIntacctError);
        }
    }

    private static RefundWorkflow WithIntacct(TableEntity row, RefundWorkflow workflow) => workflow with
    {
        IntacctDueAt = Columns.OptionalTime(row, nameof(RefundWorkflow.IntacctDueAt)),
        IntacctAttempts = row.GetInt32(nameof(RefundWorkflow.IntacctAttempts)) ?? 0,
        IntacctRetries = row.GetInt32(nameof(RefundWorkflow.IntacctRetries)) ?? 0,
        IntacctError = Columns.OptionalJson(row, nameof(RefundWorkflow.IntacctError), LedgerJson.Default.StoredIntacctError) is { } stored
            ? new IntacctError(stored.ErrorNumber, stored.Description, stored.At)
            : null,
    };
}
