using Microsoft.DurableTask;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Reads the Stripe refund when no webhook has settled it: the fallback behind refund.updated.</summary>
public sealed class PollStripeRefundActivity(RefundMoveRunner runner) : TaskActivity<RefundInstance, RefundView>
{
    public override Task<RefundView> RunAsync(TaskActivityContext context, RefundInstance input) =>
        runner.RunAsync(input, WorkflowMove.PollStripeRefund, CancellationToken.None);
}
