using Microsoft.DurableTask;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Ops re-run an Intacct reversal that failed, once they fixed its cause in Intacct. Each retry is an instance of its
/// own (<c>{refund id}-intacct-{n}</c>): the refund's own orchestration has long finished.
/// </summary>
public sealed class IntacctReversalOrchestrator : TaskOrchestrator<RefundRun, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, RefundRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var story = new Story(context, input);
        return IntacctReversal.RunAsync(story, input.Progress ?? RefundProgress.IntacctDue);
    }
}
