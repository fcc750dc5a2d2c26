using System.Diagnostics;

namespace Refunds.TestSupport;

/// <summary>Bounded waiting for something that happens asynchronously, for tests.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> (default 50 ms) until it holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, interval);
}
