using Microsoft.DurableTask.Client;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Status;

/// <param name="CreditMemo">The credit memo the refund is linked to, as it stands now; null when linked to the payment.</param>
/// <param name="Orchestration">The Durable instance that drives the record; null when none exists (yet, or any more).</param>
public sealed record RefundStatusView(
    RefundWorkflow Workflow,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<Invoice> Invoices,
    OrchestrationInfo? Orchestration,
    CreditMemo? CreditMemo = null);

/// <summary>What Durable knows of a record's orchestration instance, beside the ledger's business state.</summary>
public sealed record OrchestrationInfo(string InstanceId, string Name, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);

/// <summary>A record with its history, the current state of the invoices its payment settled, and its orchestration.</summary>
public sealed class RefundStatusQuery(ILedgerStore ledger)
{
    public async Task<RefundStatusView?> GetAsync(DurableTaskClient durable, string organizationId, string refundId, CancellationToken cancellationToken)
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

        var memo = workflow.Value.LinkedCreditMemoId is { } memoId
            ? (await ledger.GetCreditMemoAsync(organizationId, memoId, cancellationToken))?.Value
            : null;
        return new RefundStatusView(workflow.Value, history, invoices, await OrchestrationOfAsync(durable, workflow.Value, cancellationToken), memo);
    }

    /// <summary>The record's own instance, or that of the latest Intacct reversal ops retried.</summary>
    private static async Task<OrchestrationInfo?> OrchestrationOfAsync(DurableTaskClient client, RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        var own = await client.GetInstanceAsync(OrchestrationIds.Of(workflow), getInputsAndOutputs: false, cancellationToken);
        if (workflow.IsTerminal && workflow.IntacctRetries > 0
            && await client.GetInstanceAsync(OrchestrationIds.For(workflow).InstanceId, getInputsAndOutputs: false, cancellationToken) is { } retry)
        {
            own = retry;
        }

        return own is null
            ? null
            : new OrchestrationInfo(own.InstanceId, own.Name, own.RuntimeStatus.ToString(), own.CreatedAt, own.LastUpdatedAt);
    }
}
