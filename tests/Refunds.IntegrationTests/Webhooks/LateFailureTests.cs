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

    [Fact]
    public async Task DisputeCreated_RefundWaitingForFundsWithNothingAtStripe_RefundCanceledReversalRunsNoPayout()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), intacctKey: Seed.NewId("ar"), paymentMethod: "us_bank_account");
        _app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 0);
        var refundId = await StartRefundAsync(paid);
        await _app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("runtimeStatus").GetString() == "Waiting", "waiting for funds");

        var disputeId = _app.Stripe.CreateDispute(paid.PaymentIntentId, "insufficient_funds");
        var reversal = await _app.WaitForStatusAsync(
            paid.Org,
            "rv_" + disputeId,
            s => s.GetProperty("runtimeStatus").GetString() == "Completed" && s.GetProperty("intacct").GetProperty("status").GetString() != "Pending",
            "reversal completed and reversed in Intacct");

        Assert.Equal("Succeeded", reversal.GetProperty("intacct").GetProperty("status").GetString());
        var invoices = reversal.GetProperty("invoices").EnumerateArray().ToDictionary(i => i.GetProperty("invoiceId").GetString()!);
        Assert.True(invoices[paid.Invoice1].GetProperty("inCollections").GetBoolean());
        var refund = await _app.GetRefundAsync(paid.Org, refundId);
        Assert.Equal("Canceled", refund.GetProperty("runtimeStatus").GetString());
        Assert.Contains(disputeId, Assert.Single(refund.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);

        // A top-up afterwards must not pay the refund out: the bank already took the money back.
        _app.Stripe.TopUp(Seed.Account, "usd", 50_000);
        await _app.Stripe.WaitForWebhooksAsync(TimeSpan.FromSeconds(10));
        var balanceEvent = _app.Stripe.WebhookDeliveries.Last(d => d.Type == "balance.available");
        await _app.WaitForEventProcessedAsync(balanceEvent.EventId);
        Assert.Empty(_app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.Equal("Canceled", (await _app.GetRefundAsync(paid.Org, refundId)).GetProperty("runtimeStatus").GetString());
        using var again = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.UnprocessableEntity, "payment_not_succeeded");
    }

    [Fact]
    public async Task DisputeCreated_StripeHoldsPendingRefund_NoReversalRefundFlaggedForOps()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), paymentMethod: "us_bank_account");
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, StripeStandIn.RefundScript.PendingInsufficientFunds());
        _app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 0);
        var refundId = await StartRefundAsync(paid);
        await _app.WaitForStatusAsync(paid.Org, refundId, s => s.TryGetProperty("funds", out _), "held by Stripe for funds");

        var disputeId = _app.Stripe.CreateDispute(paid.PaymentIntentId, "insufficient_funds");
        var flagged = await _app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("warnings").GetArrayLength() > 0, "the late failure flagged for ops");

        Assert.Contains(disputeId, flagged.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(flagged.GetProperty("history").EnumerateArray(), h => h.GetProperty("outcome").GetString() == "LateFailureWhileRefunding");
        Assert.Equal("Waiting", flagged.GetProperty("runtimeStatus").GetString());
        using var reversal = await _app.SendAsync(HttpMethod.Get, $"/api/organizations/{paid.Org}/refunds/rv_{disputeId}", TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.NotFound, reversal.StatusCode);
        Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task DisputeCreated_StripeDownWhileRefundWaits_EventRetriedUntilRefundCanceledAndReversed()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), paymentMethod: "sepa_debit");
        _app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 0);
        var refundId = await StartRefundAsync(paid);
        await _app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("runtimeStatus").GetString() == "Waiting", "waiting for funds");

        // Two deliveries' worth of failures (5 attempts each): the look-up for a refund at Stripe must not be skipped.
        _app.Stripe.InjectFaults(Enumerable.Repeat(StripeStandIn.Fault.ApiError, 10).ToArray());
        var disputeId = _app.Stripe.CreateDispute(paid.PaymentIntentId);
        await _app.WaitForStatusAsync(paid.Org, "rv_" + disputeId, s => s.GetProperty("runtimeStatus").GetString() == "Completed", "reversal completed");

        Assert.True(_app.Stripe.Requests.Count(r => r.Path.StartsWith("/v1/refunds", StringComparison.Ordinal) && r.Status == 500) >= 10);
        Assert.Equal("Canceled", (await _app.GetRefundAsync(paid.Org, refundId)).GetProperty("runtimeStatus").GetString());
        Assert.Empty(_app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    private async Task<string> StartRefundAsync(SeededPayment paid)
    {
        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
