namespace Refunds.Domain.Refunds;

/// <summary>How long to wait before asking Stripe again about a refund that is not final yet.</summary>
public sealed record PollingPolicy(TimeSpan First, TimeSpan Max)
{
    public static PollingPolicy Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1));

    public TimeSpan DelayFor(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt, 30));
        var ticks = Math.Min(First.Ticks * factor, Max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
