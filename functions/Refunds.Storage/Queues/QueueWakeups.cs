using System.Collections.Concurrent;

namespace Refunds.Storage.Queues;

/// <summary>
/// In-process nudges between a queue's senders and its standalone listener. A message sent for immediate
/// delivery wakes an idle listener in the same process at once instead of after its polling back-off, which
/// otherwise dominates a refund's latency. Other processes still find the message by polling, so a lost
/// nudge only costs time.
/// </summary>
public sealed class QueueWakeups
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Notify(string queueName)
    {
        var signal = Signal(queueName);

        // Check and release as one step: two senders that both saw 0 would both release, and the second release
        // of a semaphore capped at 1 throws (a refund start answered 500 after its commit). Waiters only take.
        lock (signal)
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
    }

    /// <summary>Waits for <paramref name="idle"/> or until a sender notifies <paramref name="queueName"/>, whichever comes first.</summary>
    public async Task WaitAsync(string queueName, TimeSpan idle, TimeProvider time, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(idle, time, either.Token);
        var woken = Signal(queueName).WaitAsync(either.Token);
        await Task.WhenAny(delay, woken);
        await either.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private SemaphoreSlim Signal(string queueName) => _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
}
