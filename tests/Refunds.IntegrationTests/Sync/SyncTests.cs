using System.Net;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Sync;

[Collection(AzuriteCollection.Name)]
public sealed class SyncTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PutInvoice_SameBodyTwice_CreatedThenUnchanged()
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/invoices/inv_1";
        var body = new { amount = 1_000, currency = "eur", paidAmount = 400, inDispute = false, inCollections = true };

        using var first = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), body);
        using var second = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(second)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task PutPayment_InvalidFields_400ListingEveryProblemAndNothingStored()
    {
        var org = Seed.NewOrg();
        var path = $"/api/organizations/{org}/payments/pay_bad";

        using var response = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new
        {
            stripePaymentIntentId = "ch_wrong",
            connectedAccountId = "acct_1",
            amount = -5,
            currency = "dollars",
            status = "done",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "stripePaymentIntentId", "amount", "currency", "status" }, errors);
        using var refund = await _app.SendAsync(HttpMethod.Post, $"{path}/refunds", TestKeys.Admin(org));
        await ProblemAssert.IsProblemAsync(refund, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutPayment_AllocationsExceedAmount_400()
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/payments/pay_1", TestKeys.Sync(), new
        {
            stripePaymentIntentId = "pi_1",
            connectedAccountId = "acct_1",
            amount = 100,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = new[] { new { invoiceId = "inv_1", amount = 101 } },
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task PutPayment_WhileRefundOwnsIt_409()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        using var started = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{paid.Org}/payments/{paid.PaymentId}", TestKeys.Sync(), new
        {
            stripePaymentIntentId = paid.PaymentIntentId,
            connectedAccountId = Seed.Account,
            amount = 15_000,
            currency = "usd",
            status = "failed",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "payment_locked");
    }

    [Fact]
    public async Task PutInvoice_NoBody_400()
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/invoices/inv_1", TestKeys.Sync());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "body_required");
    }

    [Fact]
    public async Task PutPayment_PaymentIntentOfAnotherPayment_409AndUnknownMethod400()
    {
        var org = Seed.NewOrg();
        var paymentIntent = Seed.NewId("pi_");
        object Body(string? method) => new
        {
            stripePaymentIntentId = paymentIntent,
            connectedAccountId = "acct_1",
            amount = 100,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            paymentMethod = method,
        };

        using var first = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/payments/pay_a", TestKeys.Sync(), Body("us_bank_account"));
        using var again = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/payments/pay_a", TestKeys.Sync(), Body("us_bank_account"));
        using var other = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/payments/pay_b", TestKeys.Sync(), Body("card"));
        using var unknown = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/payments/pay_c", TestKeys.Sync(), Body("cheque"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Conflict, "payment_intent_taken");
        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("paymentMethod", out _));
    }
}
