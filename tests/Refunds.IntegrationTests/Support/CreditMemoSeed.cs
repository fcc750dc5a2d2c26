using System.Net;

namespace Refunds.IntegrationTests.Support;

/// <summary>Credit memos and refund settings recorded the way the platform records them: through the Sync API.</summary>
public static class CreditMemoSeed
{
    public static async Task SettingsAsync(TestApp app, string org, string refundRecording, bool exportsToIntacct = false)
    {
        using var response = await app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/settings", TestKeys.Sync(), new { refundRecording, exportsToIntacct });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"settings answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<string> MemoAsync(TestApp app, string org, string invoiceId, long amount, long refundedAmount = 0, string? creditMemoId = null)
    {
        var id = creditMemoId ?? Seed.NewId("cm_");
        using var response = await app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/credit-memos/{id}", TestKeys.Sync(), new
        {
            amount,
            currency = "usd",
            invoiceId,
            refundedAmount,
        });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"credit memo answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>A succeeded online payment of <paramref name="amount"/> USD minor units settling part of <paramref name="invoiceId"/>.</summary>
    public static async Task<SeededPayment> PaymentOnAsync(TestApp app, string org, string invoiceId, long amount)
    {
        var paymentId = Seed.NewId("pay_");
        var paymentIntent = Seed.NewId("pi_");
        using var response = await app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/payments/{paymentId}", TestKeys.Sync(), new
        {
            stripePaymentIntentId = paymentIntent,
            connectedAccountId = Seed.Account,
            amount,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = new[] { new { invoiceId, amount } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        app.Stripe.AddPaymentIntent(Seed.Account, paymentIntent, amount, "usd", "card");
        return new SeededPayment(org, paymentId, paymentIntent, invoiceId, invoiceId);
    }
}
