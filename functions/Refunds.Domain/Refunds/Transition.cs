using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// The result of one step: the new workflow state, the history lines it adds and the ledger rows it changes.
/// All of it is persisted in one entity-group transaction; the next step is due at <see cref="RefundWorkflow.DueAt"/>
/// unless the workflow is terminal.
/// </summary>
public sealed record Transition(
    RefundWorkflow Workflow,
    IReadOnlyList<HistoryEntry> History,
    Payment? Payment = null,
    IReadOnlyList<Invoice>? Invoices = null,
    CreditMemo? CreditMemo = null)
{
    public IReadOnlyList<Invoice> ChangedInvoices => Invoices ?? [];
}
