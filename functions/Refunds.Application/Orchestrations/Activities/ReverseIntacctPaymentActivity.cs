using Microsoft.DurableTask;
using Refunds.Application.Intacct;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Reverses the original AR payment in Sage Intacct for a settled record whose reversal is pending.</summary>
public sealed class ReverseIntacctPaymentActivity(IntacctReversalRunner runner) : TaskActivity<RefundInstance, RefundView>
{
    public override Task<RefundView> RunAsync(TaskActivityContext context, RefundInstance input) =>
        runner.RunAsync(input, CancellationToken.None);
}
