namespace Refunds.StripeStandIn;

/// <summary>
/// Makes a share of Stripe API requests fail at random, reproducibly for a given <see cref="Seed"/> and request
/// order: half of them as <see cref="FaultKind.ProcessThenFail"/> (the refund exists, the client only saw a 500),
/// a quarter each as a 500 <c>api_error</c> or a 429 <c>rate_limit</c> before anything ran. Faults queued with
/// <c>InjectFaults</c> go first.
/// </summary>
public sealed record RandomFaults(double Rate, int Seed)
{
    public double Rate { get; } = Rate is >= 0 and <= 1 ? Rate : throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "A rate is between 0 and 1.");
}
