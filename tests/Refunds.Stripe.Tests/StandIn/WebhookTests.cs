using Refunds.Application.Ports;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;
using Stripe;

namespace Refunds.Stripe.Tests.StandIn;

/// <summary>The stand-in's events must pass Stripe.net's own signature check, or webhook tests would prove nothing.</summary>
public sealed class WebhookTests
{
    private const string Secret = "whsec_standin_test";

    [Fact]
    public async Task ConfigureWebhooksAsync_RefundCreatedThenFailed_SendsSignedEventsStripeNetAccepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await StripeHarness.StartAsync();
        await harness.StandIn.ConfigureWebhooksAsync(receiver.Endpoint, Secret);
        var paymentIntentId = harness.AddPayment();
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingThenFail("expired_or_canceled_card"));
        var created = Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None));
        harness.StandIn.FailRefund(created.Refund.Id, "expired_or_canceled_card");

        await harness.StandIn.WaitForWebhooksAsync(TimeSpan.FromSeconds(5));

        var events = receiver.Received
            .Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, Secret, tolerance: 300, throwOnApiVersionMismatch: true))
            .ToList();
        Assert.Equal(["refund.created", "refund.failed"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(StripeHarness.Account, e.Account));
        var failed = Assert.IsType<Refund>(events[1].Data.Object);
        Assert.Equal((created.Refund.Id, "failed", "expired_or_canceled_card"), (failed.Id, failed.Status, failed.FailureReason));
    }

    [Fact]
    public async Task ConfigureWebhooksAsync_WrongSecret_FailsStripeNetSignatureCheck()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await StripeHarness.StartAsync();
        await harness.StandIn.ConfigureWebhooksAsync(receiver.Endpoint, "whsec_other");
        await harness.Stripe.CreateRefundAsync(StripeHarness.Request(harness.AddPayment()), CancellationToken.None);

        await harness.StandIn.WaitForWebhooksAsync(TimeSpan.FromSeconds(5));

        var (body, signature) = Assert.Single(receiver.Received);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body, signature, Secret, tolerance: 300, throwOnApiVersionMismatch: true));
    }

    [Fact]
    public async Task DeliverHeldWebhooks_TwiceAndReversed_DeliversDuplicatesNewestFirst()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await StripeHarness.StartAsync();
        await harness.StandIn.ConfigureWebhooksAsync(receiver.Endpoint, Secret, new WebhookOptions { DeliverTwice = true, Hold = true });
        var paymentIntentId = harness.AddPayment();
        harness.StandIn.ScriptRefund(paymentIntentId, RefundScript.PendingThenSucceed());
        var created = Assert.IsType<CreateRefundOutcome.Created>(
            await harness.Stripe.CreateRefundAsync(StripeHarness.Request(paymentIntentId), CancellationToken.None));
        harness.StandIn.SettleRefund(created.Refund.Id);
        Assert.Empty(receiver.Received);

        harness.StandIn.DeliverHeldWebhooks(reverse: true);
        await harness.StandIn.WaitForWebhooksAsync(TimeSpan.FromSeconds(5));

        var events = receiver.Received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, Secret, 300, true)).ToList();
        Assert.Equal(["refund.updated", "refund.updated", "refund.created", "refund.created"], events.Select(e => e.Type));
        Assert.Equal(events[0].Id, events[1].Id);
        Assert.All(harness.StandIn.WebhookDeliveries, d => Assert.Equal(200, d.Status));
    }
}
