using Microsoft.DurableTask;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Sleeps until a time or until any <see cref="IRefundSignal"/> arrives. One wait per event name stays open across
/// sleeps and is renewed only once it completed: a wait stays registered with Durable until it completes, so a wait
/// abandoned after a timer won would take (and drop) the next event of that name whenever no newer wait is open.
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

    /// <summary>
    /// Signals that open waits took after this execution stopped listening (a timer or another signal won, then an
    /// activity ran): nobody read them, and they end with the execution unless passed on. Each is returned once.
    /// </summary>
    public IReadOnlyList<(string Name, IRefundSignal Signal)> TakeUnread()
    {
        var unread = _open.Where(o => o.Wait.IsCompletedSuccessfully).ToList();
        _open.RemoveAll(unread.Contains);
        return unread.Select(o => (o.Name, o.Wait.Result)).ToList();
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
