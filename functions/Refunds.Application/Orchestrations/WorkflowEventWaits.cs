using Microsoft.DurableTask;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Sleeps until a time or until any <see cref="WorkflowEvents"/> event arrives. One wait per event name stays open
/// across sleeps, and is renewed only once it completed: an event is delivered to the oldest wait of its name, so
/// abandoning a wait after a timer won would let it swallow the next event of that name.
/// </summary>
internal sealed class WorkflowEventWaits(TaskOrchestrationContext context)
{
    private readonly List<(string Name, Task<string?> Wait)> _open = [];

    /// <returns>The event's name, or null when the timer fired first.</returns>
    public async Task<string?> UntilAsync(DateTime fireAt)
    {
        foreach (var name in WorkflowEvents.All.Where(n => _open.TrueForAll(o => o.Name != n)))
        {
            _open.Add((name, context.WaitForExternalEvent<string?>(name)));
        }

        using var timerCancel = new CancellationTokenSource();
        var timer = context.CreateTimer(fireAt, timerCancel.Token);
        var first = await Task.WhenAny(_open.Select(o => (Task)o.Wait).Append(timer));
        if (first == timer)
        {
            return null;
        }

        // Cancel(), not CancelAsync(): the orchestration's single thread must run the timer's cancellation now.
        timerCancel.Cancel();
        var woken = _open.First(o => o.Wait == first);
        _open.Remove(woken);
        return woken.Name;
    }
}
