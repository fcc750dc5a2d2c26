using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.StandIn;

public sealed class RandomFaultTests
{
    [Fact]
    public async Task RandomFaults_HalfOfRequestsFail_AdapterRetriesThroughWithOneRefundPerPayment()
    {
        await using var harness = await StripeHarness.StartAsync(
            s => s["Stripe:MaxAttempts"] = "30",
            new StripeStandInOptions { RandomFaults = new RandomFaults(0.5, Seed: 7) });
        var paymentIntents = Enumerable.Range(0, 8).Select(_ => harness.AddPayment()).ToList();

        foreach (var paymentIntent in paymentIntents)
        {
            Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntent), CancellationToken.None));
        }

        Assert.All(paymentIntents, pi => Assert.Single(harness.StandIn.RefundsFor(pi)));
        Assert.True(harness.StandIn.RandomFaultCount > 0);
        Assert.Equal(harness.StandIn.RandomFaultCount, harness.StandIn.Requests.Count(r => r.Status is 500 or 429));
    }

    [Fact]
    public async Task RandomFaults_SameSeed_SameAnswersForTheSameRequests()
    {
        var first = await BalanceStatusesAsync(seed: 42);
        var second = await BalanceStatusesAsync(seed: 42);

        Assert.Equal(first, second);
        Assert.Contains(first, s => s is 500 or 429);
        Assert.Contains(first, s => s == 200);
    }

    /// <summary>Plain HTTP, no adapter retries: the statuses the stand-in chose for 20 balance reads.</summary>
    private static async Task<int[]> BalanceStatusesAsync(int seed)
    {
        await using var standIn = await StripeStandIn.StripeStandIn.StartAsync(new StripeStandInOptions { RandomFaults = new RandomFaults(0.3, seed) });
        using var http = new HttpClient { BaseAddress = standIn.BaseUri };
        var statuses = new int[20];
        for (var i = 0; i < statuses.Length; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/balance");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", standIn.ApiKey);
            request.Headers.Add("Stripe-Account", StripeHarness.Account);
            using var response = await http.SendAsync(request);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }
}
