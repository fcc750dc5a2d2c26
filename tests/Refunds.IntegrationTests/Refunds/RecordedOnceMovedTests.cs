using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>Once Stripe has moved the money, our records say so: nothing may leave a refunded payment "succeeded".</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecordedOnceMovedTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StartRefund_AllocatedInvoiceNeverSynced_422InvoicesNotSyncedAndNothingAtStripe()
    {
        var org = Seed.NewOrg();
        var paymentId = Seed.NewId("pay_");
        var paymentIntent = Seed.NewId("pi_");
        await PutAsync($"/api/organizations/{org}/payments/{paymentId}", new
        {
            stripePaymentIntentId = paymentIntent,
            connectedAccountId = Seed.Account,
            amount = 1_800,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = new[] { new { invoiceId = "inv_not_synced_yet", amount = 1_800 } },
        });
        _app.Stripe.AddPaymentIntent(Seed.Account, paymentIntent, 1_800, "usd");
        var refundsPath = $"/api/organizations/{org}/payments/{paymentId}/refunds";

        using var refused = await _app.SendAsync(HttpMethod.Post, refundsPath, TestKeys.Admin(org));

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "invoices_not_synced");
        Assert.Contains("inv_not_synced_yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Stripe.Requests, r => r.Path.StartsWith("/v1/refunds", StringComparison.Ordinal));

        // Nothing was claimed: once the invoice is synced the refund starts and completes.
        await PutAsync($"/api/organizations/{org}/invoices/inv_not_synced_yet", new { amount = 1_800, currency = "usd", paidAmount = 1_800, inDispute = false, inCollections = false });
        using var started = await _app.SendAsync(HttpMethod.Post, refundsPath, TestKeys.Admin(org));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        Assert.Equal("Completed", (await _app.WaitForTerminalAsync(org, refundId)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task ReopenInvoices_InvoiceRowGoneAfterStripeRefunded_CompletedPaymentRefundedWarningNamesIt()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        // Hold the create so the invoice row can disappear between the start check and the reopen step.
        _app.Stripe.DelayRefundCreates(TimeSpan.FromSeconds(1));
        using var started = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        var table = new TableClient(azurite.ConnectionString, _app.TableName);
        await table.DeleteEntityAsync(paid.Org, "invoice|" + paid.InvoiceInDispute);

        var status = await _app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.False(status.TryGetProperty("lastError", out var error) && error.ValueKind != JsonValueKind.Null, "a refunded payment shows no error");
        var warning = Assert.Single(status.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains(paid.InvoiceInDispute, warning, StringComparison.Ordinal);
        Assert.Contains(status.GetProperty("history").EnumerateArray(), h => h.GetProperty("outcome").GetString() == "InvoicesMissing");
        var invoice = Assert.Single(status.GetProperty("invoices").EnumerateArray());
        Assert.Equal((paid.Invoice1, "Unpaid"), (invoice.GetProperty("invoiceId").GetString(), invoice.GetProperty("status").GetString()));
        Assert.Equal("succeeded", Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId)).Status);

        // The payment is refunded in the ledger too: a second start is refused instead of refunding again.
        using var again = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "payment_already_refunded");
    }

    private async Task PutAsync(string path, object body)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
