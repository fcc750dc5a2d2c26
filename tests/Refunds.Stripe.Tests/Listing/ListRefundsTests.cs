using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Stripe.Tests.Listing;

/// <summary>Reconciliation's reads through Stripe.net against the stand-in's list endpoint and its Dashboard refunds.</summary>
public sealed class ListRefundsTests
{
    [Fact]
    public async Task ListRefundsAsync_SeveralPages_EveryRefundInTheWindowOnceNewestFirst()
    {
        await using var harness = await StripeHarness.StartAsync();
        var listing = harness.Services.GetRequiredService<IStripeRefundListing>();
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        var to = DateTimeOffset.UtcNow.AddMinutes(5);
        var ours = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var request = StripeHarness.Request(harness.AddPayment(1_000 + i));
            ours.Add(Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(request, CancellationToken.None)).Refund.Id);
        }

        var dashboard = harness.StandIn.CreateDashboardRefund(StripeHarness.Account, harness.AddPayment(7_700), created: from.AddMinutes(1));
        harness.StandIn.CreateDashboardRefund(StripeHarness.Account, harness.AddPayment(), created: from.AddHours(-1));
        harness.StandIn.CreateDashboardRefund(StripeHarness.OtherAccount, harness.AddPayment(account: StripeHarness.OtherAccount));

        var pages = new List<StripeRefundPage>();
        string? after = null;
        do
        {
            pages.Add(await listing.ListRefundsAsync(StripeHarness.Account, from, to, after, pageSize: 2, CancellationToken.None));
            after = pages[^1].Refunds[^1].Id;
        }
        while (pages[^1].HasMore);

        var listed = pages.SelectMany(p => p.Refunds).ToList();
        Assert.Equal([2, 2, 1], pages.Select(p => p.Refunds.Count));
        Assert.Equal([.. Enumerable.Reverse(ours), dashboard.Id], listed.Select(r => r.Id));
        Assert.All(listed.Take(4), r => Assert.StartsWith("rf_", r.OurRefundId, StringComparison.Ordinal));
        var outside = listed[^1];
        Assert.Null(outside.OurRefundId);
        Assert.Equal(new Money(7_700, "USD"), outside.Amount);
        Assert.Equal(StripeRefundStatus.Succeeded, outside.Status);
        Assert.Equal(dashboard.PaymentIntentId, outside.PaymentIntentId);
        Assert.Equal(from.AddMinutes(1).ToUnixTimeSeconds(), outside.Created.ToUnixTimeSeconds());
        var requests = harness.StandIn.Requests.Where(r => r.Method == "GET" && r.Path == "/v1/refunds").ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(StripeHarness.Account, r.Account);
            Assert.Equal("2", r.Parameters["limit"]);
            Assert.Equal(from.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), r.Parameters["created[gte]"]);
            Assert.Equal(to.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), r.Parameters["created[lt]"]);
        });
        Assert.False(requests[0].Parameters.ContainsKey("starting_after"));
        Assert.Equal(listed[1].Id, requests[1].Parameters["starting_after"]);
    }

    [Fact]
    public async Task FindRefundByIdAsync_FailedAfterSucceeding_ShowsFailureAndUnknownIsNull()
    {
        await using var harness = await StripeHarness.StartAsync();
        var listing = harness.Services.GetRequiredService<IStripeRefundListing>();
        var refund = harness.StandIn.CreateDashboardRefund(StripeHarness.Account, harness.AddPayment());
        harness.StandIn.FailSucceededRefund(refund.Id, "expired_or_canceled_card");

        var failed = await listing.FindRefundByIdAsync(StripeHarness.Account, refund.Id, CancellationToken.None);
        var unknown = await listing.FindRefundByIdAsync(StripeHarness.Account, "re_unknown", CancellationToken.None);
        var otherAccount = await listing.FindRefundByIdAsync(StripeHarness.OtherAccount, refund.Id, CancellationToken.None);

        Assert.Equal(StripeRefundStatus.Failed, failed?.Status);
        Assert.Equal("expired_or_canceled_card", failed?.FailureReason);
        Assert.Null(unknown);
        Assert.Null(otherAccount);
        Assert.Equal(5_000 + 1_000_000_000 - 5_000, harness.StandIn.GetBalance(StripeHarness.Account, "usd").Available);
    }

    [Fact]
    public async Task ListRefundsAsync_ConsecutivePages_EachWaitsForTheAccountsNextRequestSlot()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:MaxRequestsPerSecond"] = "4", clock: clock);
        var listing = harness.Services.GetRequiredService<IStripeRefundListing>();
        var window = (From: clock.GetUtcNow().AddHours(-1), To: clock.GetUtcNow().AddHours(1));

        await listing.ListRefundsAsync(StripeHarness.Account, window.From, window.To, null, 100, CancellationToken.None);
        var second = listing.ListRefundsAsync(StripeHarness.Account, window.From, window.To, null, 100, CancellationToken.None);
        var otherAccount = listing.ListRefundsAsync(StripeHarness.OtherAccount, window.From, window.To, null, 100, CancellationToken.None);
        await otherAccount;
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System));
        var beforeSlot = second.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await second;

        Assert.False(beforeSlot, "The second page of one account went before its slot (a quarter second at 4 requests/s).");
        Assert.Equal(3, harness.StandIn.Requests.Count(r => r.Path == "/v1/refunds"));
    }
}
