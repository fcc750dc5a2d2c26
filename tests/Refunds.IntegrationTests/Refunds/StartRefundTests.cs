using System.Net;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

[Collection(AzuriteCollection.Name)]
public sealed class StartRefundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StartRefund_SucceededCardPayment_CompletesWithOneStripeRefundAndReopenedInvoices()
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org);

        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org), new { reason = "requested_by_customer", comment = "customer asked" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await ProblemAssert.JsonAsync(response);
        var refundId = accepted.GetProperty("refundId").GetString()!;
        Assert.Equal($"/api/organizations/{org}/refunds/{refundId}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.RetryAfter);

        var status = await _app.WaitForTerminalAsync(org, refundId);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(15_000, status.GetProperty("amount").GetInt64());
        Assert.Equal("USD", status.GetProperty("currency").GetString());
        Assert.Equal("succeeded", status.GetProperty("stripe").GetProperty("status").GetString());
        Assert.Equal("NotApplicable", status.GetProperty("intacct").GetProperty("status").GetString());

        var invoices = status.GetProperty("invoices").EnumerateArray().ToDictionary(i => i.GetProperty("invoiceId").GetString()!);
        Assert.Equal("Unpaid", invoices[paid.Invoice1].GetProperty("status").GetString());
        Assert.Equal(0, invoices[paid.Invoice1].GetProperty("paidAmount").GetInt64());
        Assert.True(invoices[paid.Invoice1].GetProperty("inCollections").GetBoolean());
        Assert.Equal("Unpaid", invoices[paid.InvoiceInDispute].GetProperty("status").GetString());
        Assert.False(invoices[paid.InvoiceInDispute].GetProperty("inCollections").GetBoolean());

        var steps = status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["Started", "StripeRefundSucceeded", "InvoicesReopened"], steps);

        var refund = Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.Equal(Seed.Account, refund.Account);
        Assert.Equal(15_000, refund.Amount);
        Assert.Equal(refundId, refund.Metadata["refund_id"]);
        Assert.Equal("requested_by_customer", refund.Reason);
        var create = Assert.Single(_app.Stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/refunds");
        Assert.Equal($"refund-{refundId}", create.IdempotencyKey);
        Assert.False(create.Parameters.ContainsKey("amount"), "a full refund must not name an amount");
    }

    [Fact]
    public async Task StartRefund_PendingRefundThatSettles_PollsUntilCompleted()
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org);
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenSucceed(afterRetrieves: 2));

        var refundId = await StartAsync(paid);
        var status = await _app.WaitForTerminalAsync(org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.True(_app.Stripe.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v1/refunds/", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task StartRefund_RefundFailsAtStripe_FailedWithReasonAndInvoicesUntouched()
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org);
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenFail("expired_or_canceled_card", afterRetrieves: 1));

        var refundId = await StartAsync(paid);
        var status = await _app.WaitForTerminalAsync(org, refundId);

        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains("expired_or_canceled_card", status.GetProperty("lastError").GetProperty("message").GetString(), StringComparison.Ordinal);
        foreach (var invoice in status.GetProperty("invoices").EnumerateArray())
        {
            Assert.Equal("Paid", invoice.GetProperty("status").GetString());
            Assert.False(invoice.GetProperty("inCollections").GetBoolean());
        }

        // The failed refund released the payment, so the admin may try again.
        using var again = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task StartRefund_Twice_SecondIs409LinkingTheFirst()
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org);
        var refundId = await StartAsync(paid);

        using var whileRunning = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org));
        var body = await ProblemAssert.IsProblemAsync(whileRunning, HttpStatusCode.Conflict);
        Assert.Equal(refundId, body.GetProperty("refundId").GetString());

        await _app.WaitForTerminalAsync(org, refundId);
        using var afterDone = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org));
        var done = await ProblemAssert.IsProblemAsync(afterDone, HttpStatusCode.Conflict, "payment_already_refunded");
        Assert.Equal(refundId, done.GetProperty("refundId").GetString());
        Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task StartRefund_HundredConcurrentStarts_ExactlyOneAcceptedAndOneStripeRefund()
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org);
        var token = TestKeys.Admin(org);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _app.SendAsync(HttpMethod.Post, paid.RefundsPath, token)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var refundId = (await ProblemAssert.JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Accepted))).GetProperty("refundId").GetString()!;
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var status = await _app.WaitForTerminalAsync(org, refundId);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Theory]
    [InlineData("pending", "online_portal", "payment_not_succeeded")]
    [InlineData("failed", "online_portal", "payment_not_succeeded")]
    [InlineData("succeeded", "other", "payment_not_online")]
    public async Task StartRefund_PaymentNotRefundable_422AndNothingAtStripe(string status, string source, string code)
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org, status, source);

        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, code);
        Assert.Empty(_app.Stripe.Requests);
    }

    [Fact]
    public async Task StartRefund_UnknownPayment_404()
    {
        var org = Seed.NewOrg();

        using var response = await _app.SendAsync(HttpMethod.Post, $"/api/organizations/{org}/payments/pay_nope/refunds", TestKeys.Admin(org));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("{\"reason\": \"because\"}", "application/json", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("{\"reason\": ", "application/json", HttpStatusCode.BadRequest, "malformed_json")]
    [InlineData("{\"unexpected\": 1}", "application/json", HttpStatusCode.BadRequest, "malformed_json")]
    [InlineData("reason=duplicate", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    public async Task StartRefund_BadBody_ProblemAndNothingStarted(string body, string contentType, HttpStatusCode expected, string code)
    {
        var org = Seed.NewOrg();
        var paid = await Seed.PaidOnlinePaymentAsync(_app, org);
        using var request = _app.Request(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org));
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, expected, code);
        using var retry = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(org));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
    }

    private async Task<string> StartAsync(SeededPayment paid)
    {
        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
