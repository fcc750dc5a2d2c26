using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.RateLimiting;

/// <summary>The adapter's per-account limit against the stand-in's token bucket, in real time (a few seconds).</summary>
public sealed class ClientRateLimitTests
{
    private const int Refunds = 15;

    [Fact]
    public async Task CreateRefundAsync_BacklogBelowStripeLimit_CausesNo429s()
    {
        await using var harness = await StripeHarness.StartAsync(
            s => s["Stripe:MaxRequestsPerSecond"] = "5",
            new StripeStandInOptions { RateLimitPerSecond = 10 });
        var payments = Enumerable.Range(0, Refunds).Select(_ => harness.AddPayment()).ToList();

        var outcomes = await Task.WhenAll(payments.Select(p => harness.Stripe.CreateRefundAsync(StripeHarness.Request(p), CancellationToken.None)));

        Assert.All(outcomes, o => Assert.IsType<CreateRefundOutcome.Created>(o));
        Assert.DoesNotContain(harness.StandIn.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task CreateRefundAsync_LimitOff_SameBacklogHits429s()
    {
        await using var harness = await StripeHarness.StartAsync(
            s =>
            {
                s["Stripe:MaxRequestsPerSecond"] = "0";
                s["Stripe:MaxAttempts"] = "20";
                s["Stripe:BaseDelay"] = "00:00:00.100";
                s["Stripe:MaxDelay"] = "00:00:00.500";
            },
            new StripeStandInOptions { RateLimitPerSecond = 10 });
        var payments = Enumerable.Range(0, Refunds).Select(_ => harness.AddPayment()).ToList();

        var outcomes = await Task.WhenAll(payments.Select(p => harness.Stripe.CreateRefundAsync(StripeHarness.Request(p), CancellationToken.None)));

        Assert.All(outcomes, o => Assert.IsType<CreateRefundOutcome.Created>(o));
        Assert.Contains(harness.StandIn.Requests, r => r.Status == 429);
    }
}
