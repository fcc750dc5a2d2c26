using Microsoft.DurableTask;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Reads the connected account's balance for a refund waiting for funds: resume once it covers the refund, else keep waiting or give up at the deadline.</summary>
public sealed class CheckFundsActivity(RefundMoveRunner runner) : TaskActivity<RefundInstance, RefundView>
{
    public override Task<RefundView> RunAsync(TaskActivityContext context, RefundInstance input) =>
        runner.RunAsync(input, WorkflowMove.CheckFunds, CancellationToken.None);
}
