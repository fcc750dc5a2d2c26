using System.Net;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Webhooks;

/// <summary>A bank debit that fails after it succeeded arrives as charge.dispute.created.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LateFailureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("us_bank_account")]
    [InlineData("sepa_debit")]
    public async Task DisputeCreated_SucceededBankDebit_PaymentFailedInvoicesReopenedIntacctReached(string method)
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), intacctKey: "4711", paymentMethod: method);

        var disputeId = _app.Stripe.CreateDispute(paid.PaymentIntentId);
        var status = await _app.WaitForStatusAsync(
            paid.Org,
            "rv_" + disputeId,
            s => s.GetProperty("runtimeStatus").GetString() == "Completed" && s.GetProperty("intacct").GetProperty("status").GetString() != "Pending",
            "reversal completed and reversed in Intacct");

        Assert.Equal("LateFailureReversal", status.GetProperty("kind").GetString());
        Assert.Equal("Succeeded", status.GetProperty("intacct").GetProperty("status").GetString());
        Assert.Equal(1, _app.Intacct.GetArPayment("4711")!.ReversalCount);
        var invoices = status.GetProperty("invoices").EnumerateArray().ToDictionary(i => i.GetProperty("invoiceId").GetString()!);
        Assert.Equal("Unpaid", invoices[paid.Invoice1].GetProperty("status").GetString());
        Assert.True(invoices[paid.Invoice1].GetProperty("inCollections").GetBoolean());
        Assert.False(invoices[paid.InvoiceInDispute].GetProperty("inCollections").GetBoolean());
        Assert.Empty(_app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.DoesNotContain(_app.Stripe.Requests, r => r.Path == "/v1/refunds");

        // The payment failed: it cannot be refunded any more.
        using var refund = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(refund, HttpStatusCode.UnprocessableEntity, "payment_not_succeeded");
    }

    [Fact]
    public async Task DisputeCreated_DeliveredTwice_OneReversal()
    {
        await _app.ConfigureWebhooksAsync(new StripeStandIn.Webhooks.WebhookOptions { DeliverTwice = true });
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), paymentMethod: "us_bank_account");

        var disputeId = _app.Stripe.CreateDispute(paid.PaymentIntentId);
        var status = await _app.WaitForStatusAsync(paid.Org, "rv_" + disputeId, s => s.GetProperty("runtimeStatus").GetString() == "Completed", "reversal completed");
        await _app.Stripe.WaitForWebhooksAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _app.Stripe.WebhookDeliveries.Count(d => d.Type == "charge.dispute.created" && d.Status == 200));
        Assert.Equal(["LateFailure", "InvoicesReopened"], status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task DisputeCreated_CardPayment_RecordedInvoicesUntouched()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), paymentMethod: "card");

        var disputeId = _app.Stripe.CreateDispute(paid.PaymentIntentId, "fraudulent");
        await _app.Stripe.WaitForWebhooksAsync(TimeSpan.FromSeconds(10));
        var delivery = Assert.Single(_app.Stripe.WebhookDeliveries, d => d.Type == "charge.dispute.created");
        await _app.WaitForEventProcessedAsync(delivery.EventId);

        Assert.Equal(200, delivery.Status);
        using var reversal = await _app.SendAsync(HttpMethod.Get, $"/api/organizations/{paid.Org}/refunds/rv_{disputeId}", TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.NotFound, reversal.StatusCode);
        using var refund = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, refund.StatusCode);
    }
}
