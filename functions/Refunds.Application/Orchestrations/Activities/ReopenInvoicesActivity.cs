using Microsoft.DurableTask;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Marks the payment refunded (or failed) and reopens its invoices in one entity-group transaction.</summary>
public sealed class ReopenInvoicesActivity(RefundMoveRunner runner) : TaskActivity<RefundInstance, RefundView>
{
    public override Task<RefundView> RunAsync(TaskActivityContext context, RefundInstance input) =>
        runner.RunAsync(input, WorkflowMove.ReopenInvoices, CancellationToken.None);
}
