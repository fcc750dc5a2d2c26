using Microsoft.DurableTask;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>
/// Records money that moved, in one entity-group transaction: a refund on the payment (refunded; the invoices it paid
/// reopen) or on the credit memo it is linked to (invoices stay settled); a late bank failure on the payment (failed;
/// its invoices reopen). Queues the Intacct reversal for a payment exported there.
/// </summary>
public sealed class RecordRefundActivity(RefundRecords records, ILedgerStore ledger) : TaskActivity<RefundInstance, RefundProgress>
{
    public override Task<RefundProgress> RunAsync(TaskActivityContext context, RefundInstance input) =>
        records.AdvanceAsync(input, RefundStep.ReopenInvoices, w => w.Stage == RefundStage.ReadyToRecord, RecordAsync);

    private async Task<RecordChange> RecordAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var invoices = new List<Versioned<Invoice>>();
        Versioned<CreditMemo>? memo = null;
        if (workflow.LinkedCreditMemoId is { } memoId)
        {
            // Linked to a credit memo: the invoices stay as they are, so they are not even read.
            memo = await ledger.GetCreditMemoAsync(workflow.OrganizationId, memoId, cancellationToken);
        }
        else
        {
            invoices = await ledger.AllocatedInvoicesAsync(payment.Value, cancellationToken);
        }

        // The money has moved: whatever is missing here is reported on the refund, never a reason to fail it.
        var transition = workflow.RecordRefund(payment.Value, invoices.Select(i => i.Value).ToList(), memo?.Value, now);
        return RecordChange.Of(transition, stored, payment, invoices, memo);
    }
}
