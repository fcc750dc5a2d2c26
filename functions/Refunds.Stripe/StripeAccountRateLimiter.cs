using System.Collections.Concurrent;

namespace Refunds.Stripe;

/// <summary>
/// Spaces our requests per connected account to at most <c>perSecond</c>, evenly (no bursts), so that a backlog of
/// refunds runs at Stripe's rate instead of into 429s whose backoffs would leave the rate unused. Stripe refills its
/// budget in ways we cannot see; even spacing at the limit never outruns a bucket of the same rate.
/// Limits one process: instances that scale out share the account's budget, and Polly still retries the 429s left.
/// </summary>
internal sealed class StripeAccountRateLimiter
{
    private readonly ConcurrentDictionary<string, Slots> _accounts = new(StringComparer.Ordinal);
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;

    /// <param name="perSecond">Requests per second per account; 0 turns the limiter off.</param>
    public StripeAccountRateLimiter(int perSecond, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        _interval = perSecond == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond);
        _time = timeProvider;
    }

    /// <summary>Completes when this request may go; a cancelled wait gives its slot up to nobody (a short gap).</summary>
    public Task WaitAsync(string account, CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var delay = _accounts.GetOrAdd(account, _ => new Slots()).Take(_time.GetUtcNow(), _interval);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, cancellationToken);
    }

    /// <summary>The next free send time of one account: each request takes the earliest slot not before now.</summary>
    private sealed class Slots
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

        public TimeSpan Take(DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                var slot = _nextFree > now ? _nextFree : now;
                _nextFree = slot + interval;
                return slot - now;
            }
        }
    }
}
