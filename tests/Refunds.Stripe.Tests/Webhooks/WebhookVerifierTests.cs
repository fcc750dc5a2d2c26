using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.Stripe.Tests.StandIn;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;

namespace Refunds.Stripe.Tests.Webhooks;

/// <summary>The adapter's verifier on events the stand-in really sent, signed like Stripe.</summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_verifier_test";

    [Fact]
    public async Task Verify_RefundEventsFromTheStandIn_VerifiedWithOurRefundIdAndSnapshot()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:WebhookSecrets:0"] = Secret);
        await harness.StandIn.ConfigureWebhooksAsync(receiver.Endpoint, Secret);
        var paymentIntentId = harness.AddPayment();
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingInsufficientFunds());
        var request = StripeHarness.Request(paymentIntentId);
        Assert.IsType<CreateRefundOutcome.Created>(await harness.Stripe.CreateRefundAsync(request, CancellationToken.None));
        await harness.StandIn.WaitForWebhooksAsync(TimeSpan.FromSeconds(5));

        var (body, signature) = Assert.Single(receiver.Received);
        var verified = Assert.IsType<WebhookVerification.Verified>(Verifier(harness).Verify(body, signature)).Event;

        Assert.Equal(StripeEvent.RefundCreated, verified.Type);
        Assert.Equal(StripeHarness.Account, verified.Account);
        Assert.Equal(paymentIntentId, verified.PaymentIntentId);
        Assert.Equal(request.RefundId, verified.OurRefundId);
        Assert.Equal(StripeRefundStatus.Pending, verified.Refund?.Status);
        Assert.Equal("insufficient_funds", verified.Refund?.PendingReason);
    }

    [Fact]
    public async Task Verify_DisputeAndBalanceEvents_MappedToPaymentIntentAndAccount()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:WebhookSecrets:0"] = Secret);
        await harness.StandIn.ConfigureWebhooksAsync(receiver.Endpoint, Secret);
        var paymentIntentId = harness.AddPayment();
        var disputeId = harness.StandIn.CreateDispute(paymentIntentId, "debit_not_authorized");
        harness.StandIn.TopUp(StripeHarness.Account, "usd", 500);
        await harness.StandIn.WaitForWebhooksAsync(TimeSpan.FromSeconds(5));

        var events = receiver.Received
            .Select(r => Assert.IsType<WebhookVerification.Verified>(Verifier(harness).Verify(r.Body, r.Signature)).Event)
            .ToList();

        var dispute = Assert.Single(events, e => e.Type == StripeEvent.DisputeCreated);
        Assert.Equal((paymentIntentId, disputeId, "debit_not_authorized"), (dispute.PaymentIntentId, dispute.DisputeId, dispute.DisputeReason));
        var balance = Assert.Single(events, e => e.Type == StripeEvent.BalanceAvailable);
        Assert.Equal(StripeHarness.Account, balance.Account);
    }

    [Fact]
    public async Task Verify_ForgedStaleOrUnsigned_Rejected()
    {
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:WebhookSecrets:0"] = Secret);
        var verifier = Verifier(harness);
        const string body = """{"id":"evt_1","object":"event","type":"customer.created","created":1,"data":{"object":{"id":"cus_1","object":"customer"}}}""";

        Assert.IsType<WebhookVerification.Rejected>(verifier.Verify(body, WebhookSignature.Header("whsec_forged", body, DateTimeOffset.UtcNow)));
        Assert.IsType<WebhookVerification.Rejected>(verifier.Verify(body, WebhookSignature.Header(Secret, body, DateTimeOffset.UtcNow.AddSeconds(-301))));
        Assert.IsType<WebhookVerification.Rejected>(verifier.Verify(body, null));
        Assert.IsType<WebhookVerification.Rejected>(verifier.Verify(body + " ", WebhookSignature.Header(Secret, body, DateTimeOffset.UtcNow)));
        Assert.IsType<WebhookVerification.Verified>(verifier.Verify(body, WebhookSignature.Header(Secret, body, DateTimeOffset.UtcNow.AddSeconds(-290))));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    public async Task Verify_SignedBodyNotAnEvent_Malformed(string body)
    {
        await using var harness = await StripeHarness.StartAsync(s => s["Stripe:WebhookSecrets:0"] = Secret);

        var verification = Verifier(harness).Verify(body, WebhookSignature.Header(Secret, body, DateTimeOffset.UtcNow));

        Assert.IsType<WebhookVerification.Malformed>(verification);
    }

    [Fact]
    public async Task Verify_SignedWithSecondSecretDuringRotation_Verified()
    {
        await using var harness = await StripeHarness.StartAsync(s =>
        {
            s["Stripe:WebhookSecrets:0"] = Secret;
            s["Stripe:WebhookSecrets:1"] = "whsec_next";
        });
        const string body = """{"id":"evt_2","object":"event","type":"customer.created","created":1,"data":{"object":{"id":"cus_1","object":"customer"}}}""";

        Assert.IsType<WebhookVerification.Verified>(Verifier(harness).Verify(body, WebhookSignature.Header("whsec_next", body, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task Verify_NoSecretConfigured_NotConfigured()
    {
        await using var harness = await StripeHarness.StartAsync();

        Assert.IsType<WebhookVerification.NotConfigured>(Verifier(harness).Verify("{}", "t=1,v1=00"));
    }

    private static IStripeWebhookVerifier Verifier(StripeHarness harness) => harness.Services.GetRequiredService<IStripeWebhookVerifier>();
}
