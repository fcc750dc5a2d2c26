namespace Refunds.IntacctStandIn;

/// <summary>
/// Makes a share of gateway requests fail at random, reproducibly for a given <see cref="Seed"/> and request order:
/// half of them as an HTTP 524 after the request ran (only the answer is lost), a quarter each as an HTTP 503 or an
/// HTTP 429 GW-0010 before anything ran. Faults queued with <c>InjectFaults</c> go first.
/// </summary>
public sealed record RandomFaults(double Rate, int Seed)
{
    public double Rate { get; } = Rate is >= 0 and <= 1 ? Rate : throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "A rate is between 0 and 1.");
}
