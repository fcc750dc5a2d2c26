using Microsoft.DurableTask;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// The Durable mechanics the orchestrators share, so that they read as the business process: run an activity with
/// retries, wait for a signal or a due time, show the progress as custom status, continue as new at a wait.
/// </summary>
internal sealed class Story(TaskOrchestrationContext context, RefundRun run)
{
    /// <summary>Stripe, Intacct and storage hiccups: retried inside one step before the step's own schedule applies.</summary>
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>After an activity failed through all its retries without recording why (storage down, or a bug).</summary>
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(30);

    private readonly SignalWaits _signals = new(context);
    private bool _acted;

    /// <summary>
    /// True when this execution has already acted and is about to sleep: it continues as new first, so a waiting
    /// instance's history is only its input and the wait.
    /// </summary>
    public bool ShouldRestartBefore(RefundProgress progress) =>
        _acted && progress.DueAt.UtcDateTime > context.CurrentUtcDateTime;

    public string ContinueAsNew(RefundProgress progress)
    {
        context.ContinueAsNew(run with { Progress = progress }, preserveUnprocessedEvents: true);

        // Durable preserves only the events no wait took; one taken by a wait left open (an admin's retry or cancel
        // while the activity ran) would end with this execution, and the next would sleep through it.
        foreach (var (name, signal) in _signals.TakeUnread())
        {
            context.SendEvent(context.InstanceId, name, signal);
        }

        return "ContinuedAsNew";
    }

    public void Show(RefundProgress progress) => context.SetCustomStatus(progress.Status);

    /// <summary>Sleeps until the progress is due unless a signal comes first; null when it is due (at once if it was).</summary>
    /// <remarks>
    /// A signal without progress (a wake-up), or from an earlier part of the story (an event raised before a later
    /// commit, delivered late), is read as "due now": the step's activity then returns where the record really stands.
    /// </remarks>
    public async Task<RefundProgress?> WaitAsync(RefundProgress progress)
    {
        if (progress.DueAt.UtcDateTime <= context.CurrentUtcDateTime)
        {
            return null;
        }

        _acted = true;
        var signal = await _signals.FirstAsync(progress.DueAt);
        return signal?.Progress is not { } known || known.Part < progress.Part ? null : known;
    }

    /// <summary>Runs one step's activity; when it fails through its retries, the same step is tried again after a pause.</summary>
    public async Task<RefundProgress> RunAsync(string activity, RefundProgress current)
    {
        _acted = true;
        try
        {
            return await context.CallActivityAsync<RefundProgress>(activity, run.Refund, ActivityRetry);
        }
        catch (TaskFailedException)
        {
            return current with { DueAt = context.CurrentUtcDateTime + FailurePause };
        }
    }

    /// <summary>The story's last status and its output: how the refund ended.</summary>
    public string End(RefundProgress progress)
    {
        Show(progress);
        return progress.Stage switch
        {
            null => "Gone",
            RefundStage.Recorded => RuntimeStatus.Completed.ToString(),
            RefundStage stage => stage.ToString(),
        };
    }
}
