using System.Reflection;
using System.Text.Json;
using Refunds.Functions.Features.RefundStatus;
using Refunds.Functions.Features.StartRefund;
using Refunds.Functions.Features.StripeWebhooks;
using Refunds.Functions.Features.Sync;
using Refunds.Functions.Health;

namespace Refunds.Functions.Tests.Support;

/// <summary>The app's HTTP functions called through <see cref="FunctionHttp"/>, with the client [DurableClient] would bind.</summary>
internal static class Calls
{
    public static TestRequest StartRefundRequest(string org, string paymentId, string? token) =>
        new("POST", $"/api/organizations/{org}/payments/{paymentId}/refunds", token);

    public static TestRequest GetRefundRequest(string org, string refundId, string? token) =>
        new("GET", $"/api/organizations/{org}/refunds/{refundId}", token);

    public static TestRequest WebhookRequest(string body, string signature) =>
        new("POST", "/api/webhooks/stripe", JsonBody: body) { Headers = { ["Stripe-Signature"] = signature } };

    public static Task<TestResponse> StartRefundAsync(FunctionsFixture fixture, TestRequest request, string org, string paymentId) =>
        FunctionHttp.InvokeAsync(
            fixture.Worker,
            Method(typeof(StartRefundFunction), nameof(StartRefundFunction.Run)),
            request,
            (http, context) => StartRefundFunction.Run(http, org, paymentId, fixture.DurableClient, context));

    public static Task<TestResponse> GetRefundAsync(FunctionsFixture fixture, TestRequest request, string org, string refundId) =>
        FunctionHttp.InvokeAsync(
            fixture.Worker,
            Method(typeof(GetRefundFunction), nameof(GetRefundFunction.Run)),
            request,
            (http, context) => GetRefundFunction.Run(http, org, refundId, fixture.DurableClient, context));

    public static Task<TestResponse> WebhookAsync(FunctionsFixture fixture, TestRequest request) =>
        FunctionHttp.InvokeAsync(
            fixture.Worker,
            Method(typeof(StripeWebhookFunction), nameof(StripeWebhookFunction.Run)),
            request,
            (http, context) => StripeWebhookFunction.Run(http, fixture.DurableClient, context));

    public static Task<TestResponse> PutPaymentAsync(FunctionsFixture fixture, TestRequest request, string org, string paymentId) =>
        FunctionHttp.InvokeAsync(
            fixture.Worker,
            Method(typeof(SyncFunctions), nameof(SyncFunctions.PutPayment)),
            request,
            (http, context) => SyncFunctions.PutPayment(http, org, paymentId, context));

    public static Task<TestResponse> HealthAsync(FunctionsFixture fixture) =>
        FunctionHttp.InvokeAsync(
            fixture.Worker,
            Method(typeof(HealthFunction), nameof(HealthFunction.Run)),
            new TestRequest("GET", "/api/health"),
            (http, _) => Task.FromResult(HealthFunction.Run(http)));

    /// <summary>Records a payment that can be refunded, through the PutPayment function with a Sync token.</summary>
    public static async Task<(string Org, string PaymentId)> SeedPaymentAsync(FunctionsFixture fixture)
    {
        var org = "org_" + Guid.NewGuid().ToString("N")[..10];
        var paymentId = "pay_" + Guid.NewGuid().ToString("N")[..10];
        var body = JsonSerializer.Serialize(new
        {
            stripePaymentIntentId = "pi_" + Guid.NewGuid().ToString("N")[..10],
            connectedAccountId = "acct_functions_tests",
            amount = 4_200,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = Array.Empty<object>(),
            paymentMethod = "card",
        });
        var response = await FunctionHttp.InvokeAsync(
            fixture.Worker,
            Method(typeof(SyncFunctions), nameof(SyncFunctions.PutPayment)),
            new TestRequest("PUT", $"/api/organizations/{org}/payments/{paymentId}", TestKeys.Sync(), body),
            (http, context) => SyncFunctions.PutPayment(http, org, paymentId, context));
        Assert.True(response.Status == 201, $"PutPayment answered {response.Status}: {response.Body}");
        return (org, paymentId);
    }

    /// <summary>A refund started through the StartRefund function; its id.</summary>
    public static async Task<(string Org, string RefundId)> StartRefundAsync(FunctionsFixture fixture)
    {
        var (org, paymentId) = await SeedPaymentAsync(fixture);
        var response = await StartRefundAsync(fixture, StartRefundRequest(org, paymentId, TestKeys.Admin(org)), org, paymentId);
        Assert.True(response.Status == 202, $"StartRefund answered {response.Status}: {response.Body}");
        return (org, response.Json.GetProperty("refundId").GetString()!);
    }

    public static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name) ?? throw new InvalidOperationException($"{type.Name}.{name} not found.");
}
