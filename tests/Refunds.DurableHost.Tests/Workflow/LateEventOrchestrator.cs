using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Refunds.DurableHost.Tests.Workflow;

/// <param name="PassOn">Whether the first execution sends an event its open wait took on to the next execution.</param>
public sealed record LateEventRun(bool PassOn, bool Continued = false);

/// <summary>
/// The refund story's shape around a continue-as-new: a wait for an event stays open after the timer beside it won,
/// an activity runs (and the event arrives meanwhile), then the orchestration continues as new and waits again.
/// </summary>
public sealed class LateEventOrchestrator : TaskOrchestrator<LateEventRun, string>
{
    public const string NoteEvent = "Note";
    public const string Lost = "lost";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, LateEventRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var note = context.WaitForExternalEvent<string>(NoteEvent);
        if (input.Continued)
        {
            using var cancelLoser = new CancellationTokenSource();
            var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(3), cancelLoser.Token);
            var winner = await Task.WhenAny(note, timeout);
#pragma warning disable CA1849 // Cancel, not CancelAsync: the orchestration must stay on DurableTask.Core's scheduler.
            cancelLoser.Cancel();
#pragma warning restore CA1849
            return winner == note ? "received:" + await note : Lost;
        }

        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(100), CancellationToken.None);
        context.SetCustomStatus("gated");
        await context.CallActivityAsync<string>(nameof(GatedActivity), context.InstanceId);
        context.ContinueAsNew(input with { Continued = true }, preserveUnprocessedEvents: true);
        if (input.PassOn && note.IsCompletedSuccessfully)
        {
            context.SendEvent(context.InstanceId, NoteEvent, await note);
        }

        return "ContinuedAsNew";
    }
}

/// <summary>Holds its orchestration until the test opens the gate of that instance.</summary>
public sealed class GatedActivity : TaskActivity<string, string>
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static TaskCompletionSource GateOf(string instanceId) =>
        Gates.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await GateOf(input).Task;
        return input;
    }
}
