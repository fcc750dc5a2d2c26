using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.StandIn;

public sealed class RateLimitTests
{
    [Fact]
    public async Task RateLimitPerSecond_BurstAboveLimit_AnswersRateLimitAndAdapterRetriesThrough()
    {
        await using var harness = await StripeHarness.StartAsync(
            s =>
            {
                s["Stripe:MaxAttempts"] = "20";
                s["Stripe:BaseDelay"] = "00:00:00.200";
                s["Stripe:MaxDelay"] = "00:00:00.500";
                s["Stripe:MaxRequestsPerSecond"] = "0";
            },
            new StripeStandInOptions { RateLimitPerSecond = 2 });

        var balances = await Task.WhenAll(Enumerable.Range(0, 4).Select(
            _ => harness.Stripe.GetBalanceAsync(StripeHarness.Account, "usd", CancellationToken.None)));

        Assert.All(balances, b => Assert.Equal(1_000_000_000, b.Available.MinorUnits));
        Assert.Contains(harness.StandIn.Requests, r => r.Status == 429);
        Assert.Equal(4, harness.StandIn.Requests.Count(r => r.Status == 200));
    }
}
