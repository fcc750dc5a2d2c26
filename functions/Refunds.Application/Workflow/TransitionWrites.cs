using Refunds.Application.Ports;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>Turns a transition into the rows of one atomic commit, each guarded by the ETag it was read with.</summary>
internal static class TransitionWrites
{
    /// <param name="stored">The record as read (null for a new one): its ETag guards the commit.</param>
    public static IReadOnlyList<LedgerWrite> For(
        Transition transition,
        Versioned<RefundWorkflow>? stored,
        Versioned<Payment>? payment = null,
        IReadOnlyList<Versioned<Invoice>>? invoices = null,
        Versioned<CreditMemo>? creditMemo = null)
    {
        var writes = new List<LedgerWrite> { new LedgerWrite.PutWorkflow(transition.Workflow, stored?.ETag, stored?.Value) };
        writes.AddRange(transition.History.Select(h => new LedgerWrite.AppendHistory(transition.Workflow.RefundId, h)));
        if (transition.Payment is { } changedPayment)
        {
            var etag = payment?.ETag ?? throw new InvalidOperationException("A transition changed a payment that was not read.");
            writes.Add(new LedgerWrite.PutPayment(changedPayment, etag));
        }

        foreach (var invoice in transition.ChangedInvoices)
        {
            var read = invoices?.FirstOrDefault(i => i.Value.InvoiceId == invoice.InvoiceId)
                ?? throw new InvalidOperationException($"A transition changed invoice {invoice.InvoiceId} that was not read.");
            writes.Add(new LedgerWrite.PutInvoice(invoice, read.ETag));
        }

        if (transition.CreditMemo is { } changedMemo)
        {
            var read = creditMemo is not null && creditMemo.Value.CreditMemoId == changedMemo.CreditMemoId
                ? creditMemo
                : throw new InvalidOperationException($"A transition changed credit memo {changedMemo.CreditMemoId} that was not read.");
            writes.Add(new LedgerWrite.PutCreditMemo(changedMemo, read.ETag));
        }

        return writes;
    }
}
