namespace Refunds.StripeStandIn.Api;

/// <summary>
/// A token bucket like Stripe's (<c>perSecond</c> tokens, refilled continuously), all accounts together. It reads
/// <see cref="StripeStandInOptions.TimeProvider"/> when a request arrives instead of refilling on a timer: a test
/// that shares a fake clock with the client sees the rate limit in the same time as the client's own spacing,
/// whatever the CPU load, and a late timer tick cannot take tokens away from a busy process.
/// </summary>
internal sealed class RequestRateLimit
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly double perSecond;
    private double tokens;
    private long refilledAt;

    public RequestRateLimit(int perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        this.time = time;
        this.perSecond = perSecond;
        tokens = perSecond;
        refilledAt = time.GetTimestamp();
    }

    /// <summary>Takes a token if there is one; false means answer 429.</summary>
    public bool TryAcquire()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(perSecond, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * perSecond));
            refilledAt = now;
            if (tokens < 1)
            {
                return false;
            }

            tokens--;
            return true;
        }
    }
}
