using Microsoft.DurableTask;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// A bank debit that failed after it succeeded (Stripe's <c>charge.dispute.created</c>): the money is already gone, so
/// there is no Stripe step. Instance id = the reversal's id (one per dispute).
/// </summary>
public sealed class LateFailureOrchestrator : TaskOrchestrator<RefundRun, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, RefundRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var story = new Story(context, input);
        var progress = input.Progress ?? RefundProgress.NotRecorded;

        // 1. The payment fails and the invoices it paid reopen, in one commit.
        while (progress.Stage == RefundStage.ReadyToRecord)
        {
            if (story.ShouldRestartBefore(progress))
            {
                return story.ContinueAsNew(progress);
            }

            progress = await story.StepAsync(nameof(RecordRefundActivity), progress);
        }

        // 2. Reverse the AR payment in Sage Intacct when it was exported there.
        return await IntacctReversal.RunAsync(story, progress);
    }
}
