using Microsoft.DurableTask;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Sleeps until a time or until any <see cref="IRefundSignal"/> arrives. One wait per event name stays open across
/// sleeps and is renewed only once it completed: Durable delivers an event to the oldest wait of its name, so
/// abandoning a wait after a timer won would let it swallow the next event of that name.
/// </summary>
internal sealed class SignalWaits(TaskOrchestrationContext context)
{
    private readonly List<(string Name, Task<IRefundSignal> Wait)> _open = [];

    /// <returns>The first signal, or null when <paramref name="until"/> came first (at once if it has passed).</returns>
    public async Task<IRefundSignal?> FirstAsync(DateTimeOffset until)
    {
        if (until.UtcDateTime <= context.CurrentUtcDateTime)
        {
            return null;
        }

        Open<StripeRefundChanged>();
        Open<FundsAvailable>();
        Open<RetryRequested>();
        Open<CancelRequested>();
        Open<WakeUp>();
        using var timerCancel = new CancellationTokenSource();
        var timer = context.CreateTimer(until.UtcDateTime, timerCancel.Token);
        var first = await Task.WhenAny(_open.Select(o => (Task)o.Wait).Append(timer));
        if (first == timer)
        {
            return null;
        }

        // Cancel(), not CancelAsync(): the orchestration's single thread must run the timer's cancellation now.
        timerCancel.Cancel();
        var woken = _open.First(o => o.Wait == first);
        _open.Remove(woken);
        return await woken.Wait;
    }

    private void Open<T>()
        where T : IRefundSignal
    {
        var name = typeof(T).Name;
        if (_open.TrueForAll(o => o.Name != name))
        {
            _open.Add((name, WaitAsync<T>(name)));
        }
    }

    private async Task<IRefundSignal> WaitAsync<T>(string name)
        where T : IRefundSignal =>
        await context.WaitForExternalEvent<T>(name);
}
