using Microsoft.DurableTask;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Creates the Stripe refund with the idempotency key derived from the refund id (a new key only after Stripe refused for insufficient balance).</summary>
public sealed class CreateStripeRefundActivity(RefundMoveRunner runner) : TaskActivity<RefundInstance, RefundView>
{
    public override Task<RefundView> RunAsync(TaskActivityContext context, RefundInstance input) =>
        runner.RunAsync(input, WorkflowMove.CreateStripeRefund, CancellationToken.None);
}
