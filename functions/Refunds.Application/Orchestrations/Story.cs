using Microsoft.DurableTask;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// The Durable mechanics the orchestrators share, so that they read as the business process: run an activity with
/// retries, wait for a signal or a due time, show the progress as custom status, continue as new every ten waits.
/// </summary>
internal sealed class Story(TaskOrchestrationContext context, RefundRun run)
{
    /// <summary>Stripe, Intacct and storage hiccups: retried inside one step before the step's own schedule applies.</summary>
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>After an activity failed through all its retries without recording why (storage down, or a bug).</summary>
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits per execution before it continues as new: enough that a refund rarely needs one (a card refund none, a
    /// week-long wait for funds with its 6-hourly checks a few), few enough that history stays short. Not at every
    /// wait: with two workers on one task hub, a continue-as-new at every wait made the worker that took over a dead
    /// one's partitions process instances twice ("split brain" in 5 of 6 runs of SharedTaskHubTests; none in 4 with it this rare).
    /// </summary>
    private const int WaitsPerExecution = 10;

    private readonly SignalWaits _signals = new(context);

    private int _waits;

    /// <summary>True when this execution has waited often enough and is about to sleep again: it continues as new first.</summary>
    public bool ShouldRestartBefore(RefundProgress progress) =>
        _waits >= WaitsPerExecution && progress.DueAt.UtcDateTime > context.CurrentUtcDateTime;

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

    /// <summary>
    /// One step of a story: show where the record stands, sleep until the step is due unless a signal comes first, then
    /// run the step's activity (or take the signal's news instead).
    /// </summary>
    public async Task<RefundProgress> StepAsync(string activity, RefundProgress progress)
    {
        Show(progress);
        return await WaitAsync(progress) ?? await RunAsync(activity, progress);
    }

    /// <summary>Sleeps until the progress is due unless a signal comes first; null when it is due (at once if it was).</summary>
    /// <remarks>
    /// A signal without progress (a wake-up), or from an earlier part of the story (an event raised before a later
    /// commit, delivered late), is read as "due now": the step's activity then returns where the record really stands.
    /// </remarks>
    private async Task<RefundProgress?> WaitAsync(RefundProgress progress)
    {
        if (progress.DueAt.UtcDateTime <= context.CurrentUtcDateTime)
        {
            return null;
        }

        _waits++;
        var signal = await _signals.FirstAsync(progress.DueAt);
        return signal?.Progress is not { } known || known.Part < progress.Part ? null : known;
    }

    /// <summary>Runs one step's activity; when it fails through its retries, the same step is tried again after a pause.</summary>
    private async Task<RefundProgress> RunAsync(string activity, RefundProgress current)
    {
        try
        {
            return await context.CallActivityAsync<RefundProgress>(activity, run.Refund, ActivityRetry);
        }
        catch (TaskFailedException)
        {
            return current with { DueAt = context.CurrentUtcDateTime + FailurePause };
        }
    }

    private void Show(RefundProgress progress) => context.SetCustomStatus(progress.Status);

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
