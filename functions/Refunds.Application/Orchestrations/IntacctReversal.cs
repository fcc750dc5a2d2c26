using Refunds.Application.Orchestrations.Activities;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// The last chapter of every story: reverse the original AR payment in Sage Intacct while the record says the
/// reversal is pending. It ends Succeeded or Failed (a business error, for ops to fix and retry); an unreachable
/// Intacct is retried at the time the activity recorded.
/// </summary>
internal static class IntacctReversal
{
    public static async Task<string> RunAsync(Story story, RefundProgress progress)
    {
        while (progress.IntacctPending)
        {
            if (story.ShouldRestartBefore(progress))
            {
                return story.ContinueAsNew(progress);
            }

            progress = await story.StepAsync(nameof(ReverseIntacctPaymentActivity), progress);
        }

        return story.End(progress);
    }
}
