using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tests.Workflow;

public sealed record ApprovalWait(int TimeoutMilliseconds);

/// <summary>The refund's "first of (event, timer)": an external event raced against a durable timer.</summary>
public sealed class ApprovalOrTimeoutOrchestrator : TaskOrchestrator<ApprovalWait, string>
{
    public const string ApprovalEvent = "Approval";
    public const string TimedOut = "timed-out";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ApprovalWait input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // The loser must be cancelled, or the orchestration would not complete until the timer fires.
        using var cancelLoser = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<string>(ApprovalEvent, cancelLoser.Token);
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(input.TimeoutMilliseconds), cancelLoser.Token);
        context.SetCustomStatus("waiting");
        var winner = await Task.WhenAny(approval, timer);

        // Cancel, not CancelAsync: the orchestration must stay on DurableTask.Core's scheduler, and CancelAsync
        // would resume it on the thread pool, outside the episode.
#pragma warning disable CA1849
        cancelLoser.Cancel();
#pragma warning restore CA1849
        return winner == approval ? "approved:" + await approval : TimedOut;
    }
}
