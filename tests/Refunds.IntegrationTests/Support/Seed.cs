using System.Net;

namespace Refunds.IntegrationTests.Support;

/// <summary>Demo data recorded the way the platform records it: through the Sync API.</summary>
public static class Seed
{
    public const string Account = "acct_test_merchant";

    public static readonly DateOnly PaidOn = new(2026, 11, 1);

    public static string NewOrg() => "org_" + Guid.NewGuid().ToString("N")[..12];

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// Two invoices, the second in dispute, settled by one succeeded online card payment of 15000 USD minor units;
    /// the payment intent exists at the Stripe stand-in, on <paramref name="account"/>.
    /// </summary>
    public static async Task<SeededPayment> PaidOnlinePaymentAsync(
        TestApp app,
        string org,
        string status = "succeeded",
        string source = "online_portal",
        string? intacctKey = null,
        string? paymentMethod = null,
        string account = Account)
    {
        var invoice1 = NewId("inv_");
        var invoice2 = NewId("inv_");
        var paymentId = NewId("pay_");
        var paymentIntent = NewId("pi_");
        await PutOkAsync(app, $"/api/organizations/{org}/invoices/{invoice1}", new { amount = 10_000, currency = "usd", paidAmount = 10_000, inDispute = false, inCollections = false });
        await PutOkAsync(app, $"/api/organizations/{org}/invoices/{invoice2}", new { amount = 5_000, currency = "usd", paidAmount = 5_000, inDispute = true, inCollections = false });
        await PutOkAsync(app, $"/api/organizations/{org}/payments/{paymentId}", new
        {
            stripePaymentIntentId = paymentIntent,
            connectedAccountId = account,
            amount = 15_000,
            currency = "usd",
            status,
            source,
            paidAt = "2026-11-01T10:00:00Z",
            allocations = new[] { new { invoiceId = invoice1, amount = 10_000 }, new { invoiceId = invoice2, amount = 5_000 } },
            intacctArPaymentKey = intacctKey,
            paymentMethod,
        });
        app.Stripe.AddPaymentIntent(account, paymentIntent, 15_000, "usd", paymentMethod ?? "card");
        if (intacctKey is not null)
        {
            app.Intacct.AddArPayment(intacctKey, PaidOn, 15_000);
        }

        return new SeededPayment(org, paymentId, paymentIntent, invoice1, invoice2);
    }

    private static async Task PutOkAsync(TestApp app, string path, object body)
    {
        using var response = await app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), body);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Seeding {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public sealed record SeededPayment(string Org, string PaymentId, string PaymentIntentId, string Invoice1, string InvoiceInDispute)
{
    public string RefundsPath => $"/api/organizations/{Org}/payments/{PaymentId}/refunds";
}
