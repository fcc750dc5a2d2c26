using Refunds.Storage.Queues;
using Xunit;

namespace Refunds.Storage.Tests.Queues;

public sealed class QueueWakeupsTests
{
    [Fact]
    public async Task Notify_ManySendersAtOnce_NeverThrows()
    {
        var wakeups = new QueueWakeups();

        // Rounds of concurrent senders with nobody waiting: before the fix, two that both saw the count at 0 both
        // released and the second threw SemaphoreFullException (seen as a 500 from a refund start under load).
        for (var round = 0; round < 200; round++)
        {
            using var start = new Barrier(8);
            var senders = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(5));
                wakeups.Notify("steps");
            })).ToArray();
            await Task.WhenAll(senders);
            await wakeups.WaitAsync("steps", TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        }
    }

    [Fact]
    public async Task WaitAsync_NotifiedBefore_ReturnsBeforeTheIdleTime()
    {
        var wakeups = new QueueWakeups();
        wakeups.Notify("steps");
        wakeups.Notify("steps");

        var wait = wakeups.WaitAsync("steps", TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10))));
    }
}
