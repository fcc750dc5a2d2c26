using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// One row of an atomic commit. <c>ExpectedETag</c> null means "insert, fail if it exists";
/// otherwise the row is replaced only if it still carries that ETag.
/// </summary>
public abstract record LedgerWrite
{
    private LedgerWrite()
    {
    }

    public sealed record PutPayment(Payment Payment, string? ExpectedETag) : LedgerWrite;

    public sealed record PutInvoice(Invoice Invoice, string? ExpectedETag) : LedgerWrite;

    public sealed record PutCreditMemo(CreditMemo CreditMemo, string? ExpectedETag) : LedgerWrite;

    public sealed record PutSettings(OrganizationSettings Settings, string? ExpectedETag) : LedgerWrite;

    /// <param name="Previous">
    /// The stored version <paramref name="ExpectedETag"/> names, when the caller read it (null for an insert, or when
    /// unknown): the ledger keeps its indexes beside the record and skips the index work a change does not need.
    /// </param>
    public sealed record PutWorkflow(RefundWorkflow Workflow, string? ExpectedETag, RefundWorkflow? Previous = null) : LedgerWrite;

    /// <summary>History lines are insert-only: a line that exists already means someone else got there first.</summary>
    public sealed record AppendHistory(string RefundId, HistoryEntry Entry) : LedgerWrite;

    /// <summary>
    /// Insert-only: the organization's AR payment <paramref name="ArPaymentKey"/> now belongs to the payment. A claim that
    /// exists already (another payment's, or a concurrent writer's) fails the whole commit.
    /// </summary>
    public sealed record ClaimArPayment(string ArPaymentKey, string PaymentId) : LedgerWrite;

    /// <summary>Deletes a claim, only if it still carries <paramref name="ExpectedETag"/>.</summary>
    public sealed record ReleaseArPayment(string ArPaymentKey, string ExpectedETag) : LedgerWrite;
}

public enum CommitOutcome
{
    Committed,

    /// <summary>An ETag did not match or an insert found its row: reload and decide again.</summary>
    Conflict,
}
