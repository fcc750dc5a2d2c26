using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;

namespace Refunds.Application.Workflow;

/// <summary>What a payment's allocations lead to in the ledger, read the same way by starting, recording and reconciling a refund.</summary>
public static class PaymentLedgerReads
{
    /// <summary>The invoices the payment is allocated to that have been synced, each once, in allocation order.</summary>
    public static async Task<List<Versioned<Invoice>>> AllocatedInvoicesAsync(this ILedgerStore ledger, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(payment);
        var invoices = new List<Versioned<Invoice>>();
        foreach (var invoiceId in AllocatedInvoiceIds(payment))
        {
            if (await ledger.GetInvoiceAsync(payment.OrganizationId, invoiceId, cancellationToken) is { } invoice)
            {
                invoices.Add(invoice);
            }
        }

        return invoices;
    }

    /// <summary>The credit memos that credit any invoice the payment is allocated to.</summary>
    public static async Task<List<Versioned<CreditMemo>>> AllocatedCreditMemosAsync(this ILedgerStore ledger, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(payment);
        var memos = new List<Versioned<CreditMemo>>();
        foreach (var invoiceId in AllocatedInvoiceIds(payment))
        {
            memos.AddRange(await ledger.FindCreditMemosAsync(payment.OrganizationId, invoiceId, cancellationToken));
        }

        return memos;
    }

    private static IEnumerable<string> AllocatedInvoiceIds(Payment payment) =>
        payment.Allocations.Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal);
}
