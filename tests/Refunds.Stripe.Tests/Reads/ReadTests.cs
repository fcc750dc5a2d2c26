using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Refunds.StripeStandIn;
using Stripe;

namespace Refunds.Stripe.Tests.Reads;

public sealed class ReadTests
{
    [Fact]
    public async Task GetRefundAsync_PendingThenSucceeds_ReportsEachStatus()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment();
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingThenSucceed(afterRetrieves: 2));
        var created = Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None));

        var first = await harness.Stripe.GetRefundAsync(StripeHarness.Account, created.Refund.Id, CancellationToken.None);
        var second = await harness.Stripe.GetRefundAsync(StripeHarness.Account, created.Refund.Id, CancellationToken.None);

        Assert.Equal(StripeRefundStatus.Pending, created.Refund.Status);
        Assert.Equal(StripeRefundStatus.Pending, first.Status);
        Assert.Equal(StripeRefundStatus.Succeeded, second.Status);
        Assert.All(harness.StandIn.Requests, r => Assert.Equal(StripeHarness.Account, r.Account));
    }

    [Fact]
    public async Task GetRefundAsync_PendingForFundsThenFailed_ReportsFailureReason()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment();
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingInsufficientFunds());
        var created = Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None));
        harness.StandIn.FailRefund(created.Refund.Id, "insufficient_funds");

        var refund = await harness.Stripe.GetRefundAsync(StripeHarness.Account, created.Refund.Id, CancellationToken.None);

        Assert.Equal(new StripeRefundSnapshot(created.Refund.Id, StripeRefundStatus.Failed, FailureReason: "insufficient_funds"), refund);
    }

    [Fact]
    public async Task GetRefundAsync_RefundOfAnotherAccount_ThrowsInvalidOperation()
    {
        await using var harness = await StripeHarness.StartAsync();
        var created = Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(harness.AddPayment()), CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => harness.Stripe.GetRefundAsync(StripeHarness.OtherAccount, created.Refund.Id, CancellationToken.None));
    }

    [Fact]
    public async Task GetRefundAsync_ServerErrorsThenSuccess_Retries()
    {
        await using var harness = await StripeHarness.StartAsync();
        var created = Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(harness.AddPayment()), CancellationToken.None));
        harness.StandIn.InjectFaults(Fault.ApiError, Fault.LockTimeout);

        var refund = await harness.Stripe.GetRefundAsync(StripeHarness.Account, created.Refund.Id, CancellationToken.None);

        Assert.Equal(StripeRefundStatus.Succeeded, refund.Status);
        Assert.Equal(4, harness.StandIn.Requests.Count);
    }

    [Fact]
    public async Task FindRefundAsync_AfterIdempotencyKeysExpired_FindsOursByMetadata()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment(amount: 10_000);
        await OthersRefundAsync(harness, paymentIntentId, 1_000);
        await OthersRefundAsync(harness, paymentIntentId, 1_500);
        var ours = StripeHarness.Request(paymentIntentId);
        var created = Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(ours, CancellationToken.None));
        harness.StandIn.ExpireIdempotencyKeys();

        var found = await harness.Stripe.FindRefundAsync(StripeHarness.Account, paymentIntentId, ours.RefundId, CancellationToken.None);

        Assert.Equal(created.Refund, found);
        Assert.Equal(7_500, harness.StandIn.FindRefund(created.Refund.Id)!.Amount);
    }

    [Fact]
    public async Task FindRefundAsync_OursOlderThanAFullPage_FollowsPages()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment(amount: 10_000);
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingThenFail("lost_or_stolen_card"));
        var ours = StripeHarness.Request(paymentIntentId);
        var created = Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(ours, CancellationToken.None));
        harness.StandIn.FailRefund(created.Refund.Id, "lost_or_stolen_card");
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.Succeed);
        for (var i = 0; i < 120; i++)
        {
            // Our failed refund freed the whole amount, so others can refund bits of it; Stripe lists newest first.
            await OthersRefundAsync(harness, paymentIntentId, 1);
        }

        var found = await harness.Stripe.FindRefundAsync(StripeHarness.Account, paymentIntentId, ours.RefundId, CancellationToken.None);

        Assert.Equal(new StripeRefundSnapshot(created.Refund.Id, StripeRefundStatus.Failed, FailureReason: "lost_or_stolen_card"), found);
        Assert.Equal(2, harness.StandIn.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/refunds"));
    }

    [Fact]
    public async Task FindRefundAsync_NoRefundOfOurs_ReturnsNull()
    {
        await using var harness = await StripeHarness.StartAsync();
        var paymentIntentId = harness.AddPayment();
        Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId, refundId: "rf_someone_else"), CancellationToken.None));

        var found = await harness.Stripe.FindRefundAsync(StripeHarness.Account, paymentIntentId, "rf_ours", CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task GetBalanceAsync_SeveralCurrencies_ReturnsTheRequestedOneInMinorUnits()
    {
        await using var harness = await StripeHarness.StartAsync();
        harness.StandIn.SetBalance(StripeHarness.Account, "usd", availableMinor: 12_345, pendingMinor: 678);
        harness.StandIn.SetBalance(StripeHarness.Account, "eur", availableMinor: 1, pendingMinor: 2);
        harness.StandIn.SetBalance(StripeHarness.OtherAccount, "usd", availableMinor: 999, pendingMinor: 999);

        var balance = await harness.Stripe.GetBalanceAsync(StripeHarness.Account, "USD", CancellationToken.None);

        Assert.Equal(new StripeBalance(new Money(12_345, "USD"), new Money(678, "USD")), balance);
        Assert.Equal(StripeHarness.Account, Assert.Single(harness.StandIn.Requests).Account);
    }

    [Fact]
    public async Task GetBalanceAsync_CurrencyNotHeld_ReturnsZero()
    {
        await using var harness = await StripeHarness.StartAsync();
        harness.StandIn.SetBalance(StripeHarness.Account, "usd", availableMinor: 10);

        var balance = await harness.Stripe.GetBalanceAsync(StripeHarness.Account, "JPY", CancellationToken.None);

        Assert.Equal(new StripeBalance(new Money(0, "JPY"), new Money(0, "JPY")), balance);
    }

    [Fact]
    public void AddStripeRefunds_WithoutApiKey_FailsValidation()
    {
        using var provider = StripeHarness.BuildProvider(new Dictionary<string, string?> { ["Stripe:MaxAttempts"] = "3" });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStripeRefunds>());

        Assert.Contains("Stripe:ApiKey is required.", exception.Failures);
    }

    /// <summary>A partial refund by someone other than our app (the merchant's dashboard, say), straight through Stripe.net.</summary>
    private static async Task<string> OthersRefundAsync(StripeHarness harness, string paymentIntentId, long amount)
    {
        var client = new StripeClient(new StripeClientOptions { ApiKey = harness.StandIn.ApiKey, ApiBase = harness.StandIn.BaseUri.ToString().TrimEnd('/') });
        var refund = await client.V1.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paymentIntentId, Amount = amount, Metadata = new() { ["source"] = "dashboard" } },
            new RequestOptions { StripeAccount = StripeHarness.Account });
        return refund.Id;
    }
}
