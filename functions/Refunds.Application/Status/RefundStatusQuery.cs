using Refunds.Application.Ports;
using Refunds.Domain.Invoices;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Status;

public sealed record RefundStatusView(RefundWorkflow Workflow, IReadOnlyList<HistoryEntry> History, IReadOnlyList<Invoice> Invoices);

/// <summary>A workflow with its history and the current state of the invoices its payment settled.</summary>
public sealed class RefundStatusQuery(ILedgerStore ledger)
{
    public async Task<RefundStatusView?> GetAsync(string organizationId, string refundId, CancellationToken cancellationToken)
    {
        var workflow = await ledger.GetWorkflowAsync(organizationId, refundId, cancellationToken);
        if (workflow is null)
        {
            return null;
        }

        var history = await ledger.GetHistoryAsync(organizationId, refundId, cancellationToken);
        var payment = await ledger.GetPaymentAsync(organizationId, workflow.Value.PaymentId, cancellationToken);
        var invoices = new List<Invoice>();
        foreach (var invoiceId in payment?.Value.Allocations.Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal) ?? [])
        {
            if (await ledger.GetInvoiceAsync(organizationId, invoiceId, cancellationToken) is { } invoice)
            {
                invoices.Add(invoice.Value);
            }
        }

        return new RefundStatusView(workflow.Value, history, invoices);
    }
}
