using System.Net;
using System.Text.Json.Nodes;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Webhooks;

/// <summary>The webhook endpoint over real HTTP, with events the stand-in signs like Stripe.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StripeWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
    {
        // Polling far in the future: whatever completes here was driven by webhooks.
        ["Workflow:PollFirstDelay"] = "00:10:00",
        ["Workflow:PollMaxDelay"] = "01:00:00",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StripeWebhook_ForgedSignature_400AndNothingStored()
    {
        var body = EventBody("customer.created");

        using var forged = await _app.PostWebhookAsync(body, WebhookSignature.Header("whsec_attacker", body, DateTimeOffset.UtcNow));
        using var unsigned = await _app.PostWebhookAsync(body, signature: null);

        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest, "invalid_signature");
        await ProblemAssert.IsProblemAsync(unsigned, HttpStatusCode.BadRequest, "invalid_signature");
        using var genuine = await _app.PostWebhookAsync(body, WebhookSignature.Header(TestApp.WebhookSecret, body, DateTimeOffset.UtcNow));
        Assert.False((await ProblemAssert.JsonAsync(genuine)).GetProperty("duplicate").GetBoolean(), "the forged copies must not have been recorded");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"evt\"")]
    [InlineData("{\"id\": 5, \"data\": [1]}")]
    [InlineData("{}")]
    public async Task StripeWebhook_SignedBodyNotAnEventObject_400InvalidEvent(string body)
    {
        using var response = await _app.PostWebhookAsync(body, WebhookSignature.Header(TestApp.WebhookSecret, body, DateTimeOffset.UtcNow));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_event");
        Assert.DoesNotContain("Exception", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StripeWebhook_UnsignedBodyNotJson_400InvalidSignature()
    {
        using var response = await _app.PostWebhookAsync("not json", WebhookSignature.Header("whsec_attacker", "not json", DateTimeOffset.UtcNow));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_signature");
    }

    [Fact]
    public async Task StripeWebhook_StaleTimestamp_400()
    {
        var body = EventBody("customer.created");

        using var stale = await _app.PostWebhookAsync(body, WebhookSignature.Header(TestApp.WebhookSecret, body, DateTimeOffset.UtcNow.AddMinutes(-6)));

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.BadRequest, "invalid_signature");
    }

    [Fact]
    public async Task StripeWebhook_SecondSecretDuringRotation_Accepted()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Stripe:WebhookSecrets:1"] = "whsec_next" });
        var body = EventBody("customer.created");

        using var response = await app.PostWebhookAsync(body, WebhookSignature.Header("whsec_next", body, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StripeWebhook_ReplayedUnknownEvent_RecordedOnceAcknowledgedAndIgnored()
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N")[..24];
        var body = EventBody("customer.created", eventId);

        using var first = await _app.PostWebhookAsync(body, WebhookSignature.Header(TestApp.WebhookSecret, body, DateTimeOffset.UtcNow));
        await _app.WaitForEventProcessedAsync(eventId);
        using var replay = await _app.PostWebhookAsync(body, WebhookSignature.Header(TestApp.WebhookSecret, body, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False((await ProblemAssert.JsonAsync(first)).GetProperty("duplicate").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await ProblemAssert.JsonAsync(replay)).GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task RefundEvents_RepeatedAndReversed_CompletesOnceWithoutPolling()
    {
        await _app.ConfigureWebhooksAsync(new WebhookOptions { DeliverTwice = true, Hold = true });
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenSucceed());
        var refundId = await StartAsync(paid);
        await _app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("step").GetString() == "AwaitStripeRefund", "awaiting Stripe");

        _app.Stripe.SettleRefund(Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId)).Id);
        _app.Stripe.DeliverHeldWebhooks(reverse: true);
        var status = await _app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.Equal(["refund.updated", "refund.updated", "refund.created", "refund.created"], _app.Stripe.WebhookDeliveries.Select(d => d.Type));
        Assert.All(_app.Stripe.WebhookDeliveries, d => Assert.Equal(200, d.Status));
        Assert.DoesNotContain(_app.Stripe.Requests, r => r.Method == "GET" && r.Path.StartsWith("/v1/refunds/", StringComparison.Ordinal));
        var outcomes = status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(1, outcomes.Count(o => o == "StripeRefundSucceeded"));
    }

    [Fact]
    public async Task RefundEvent_FromAnotherAccount_Ignored()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenSucceed());
        var refundId = await StartAsync(paid);
        var waiting = await _app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("step").GetString() == "AwaitStripeRefund", "awaiting Stripe");
        var stripeRefundId = waiting.GetProperty("stripe").GetProperty("refundId").GetString()!;
        var eventId = "evt_" + Guid.NewGuid().ToString("N")[..24];
        var refund = new JsonObject
        {
            ["id"] = stripeRefundId,
            ["object"] = "refund",
            ["status"] = "succeeded",
            ["payment_intent"] = paid.PaymentIntentId,
            ["metadata"] = new JsonObject { ["refund_id"] = refundId },
        };
        var body = EventBody("refund.updated", eventId, "acct_someone_else", refund);

        using var response = await _app.PostWebhookAsync(body, WebhookSignature.Header(TestApp.WebhookSecret, body, DateTimeOffset.UtcNow));
        await _app.WaitForEventProcessedAsync(eventId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await _app.GetRefundAsync(paid.Org, refundId);
        Assert.Equal("AwaitStripeRefund", status.GetProperty("step").GetString());
    }

    private static string EventBody(string type, string? id = null, string account = Seed.Account, JsonObject? dataObject = null) =>
        new JsonObject
        {
            ["id"] = id ?? "evt_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "event",
            ["account"] = account,
            ["api_version"] = "2026-10-28.endive",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = dataObject ?? new JsonObject { ["id"] = "cus_1", ["object"] = "customer" } },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
        }.ToJsonString();

    private async Task<string> StartAsync(SeededPayment paid)
    {
        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        response.EnsureSuccessStatusCode();
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
