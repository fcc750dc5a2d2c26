using System.Net;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Sync;

/// <summary>Amounts and currencies a Sync client may record: bounded by what Stripe can charge, ISO 4217 only.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SyncLimitsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const long StripeMaximum = 99_999_999;

    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PutPayment_TwoAllocationsOfLongMaxValue_400ValidationAndNothingStored()
    {
        var (org, path) = NewPayment();

        using var response = await PutPaymentAsync(path, long.MaxValue, "usd", [("inv_a", long.MaxValue), ("inv_b", long.MaxValue)]);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("allocations", out _));
        await AssertPaymentAbsentAsync(org, path);
    }

    [Theory]
    [InlineData(StripeMaximum + 1, 1L)]
    [InlineData(0L, 0L)]
    [InlineData(StripeMaximum, StripeMaximum + 1)]
    [InlineData(StripeMaximum, -1L)]
    public async Task PutPayment_AmountOrAllocationOutOfRange_400Validation(long amount, long allocation)
    {
        var (_, path) = NewPayment();

        using var response = await PutPaymentAsync(path, amount, "usd", [("inv_a", allocation)]);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task PutPayment_AllocationsSumPastThePaymentWithinBounds_400Validation()
    {
        var (_, path) = NewPayment();

        using var response = await PutPaymentAsync(path, StripeMaximum, "usd", [("inv_a", StripeMaximum), ("inv_b", 1)]);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("allocations", out _));
    }

    [Fact]
    public async Task PutPayment_StripeMaximumFullyAllocated_Created()
    {
        var (_, path) = NewPayment();

        using var response = await PutPaymentAsync(path, StripeMaximum, "usd", [("inv_a", StripeMaximum - 1), ("inv_b", 1)]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PutPayment_SameInvoiceTwice_400NamingTheInvoice()
    {
        var (org, path) = NewPayment();

        using var response = await PutPaymentAsync(path, 1_000, "usd", [("inv_twice", 300), ("inv_once", 100), ("inv_twice", 200)]);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("allocations").EnumerateArray()).GetString()!;
        Assert.Contains("inv_twice", message, StringComparison.Ordinal);
        Assert.DoesNotContain("inv_once", message, StringComparison.Ordinal);
        await AssertPaymentAbsentAsync(org, path);
    }

    [Fact]
    public async Task PutPayment_NullAllocation_400Validation()
    {
        var (_, path) = NewPayment();
        using var request = _app.Request(HttpMethod.Put, path, TestKeys.Sync());
        request.Content = new StringContent(
            """{"stripePaymentIntentId":"pi_1","connectedAccountId":"acct_1","amount":100,"currency":"usd","status":"succeeded","source":"online_portal","paidAt":"2026-11-01T10:00:00Z","allocations":[null]}""",
            System.Text.Encoding.UTF8,
            "application/json");

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData(StripeMaximum + 1, 0L)]
    [InlineData(long.MaxValue, 0L)]
    [InlineData(0L, 0L)]
    public async Task PutInvoice_AmountOutOfRange_400Validation(long amount, long paid)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/invoices/inv_1", TestKeys.Sync(), new { amount, currency = "usd", paidAmount = paid });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _));
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("abc")]
    [InlineData("XTS")]
    [InlineData("HRK")]
    public async Task PutInvoice_NotAnActiveIsoCurrency_400NamingCurrency(string currency)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/invoices/inv_1", TestKeys.Sync(), new { amount = 1_000, currency, paidAmount = 0 });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("currency", out _));
    }

    [Fact]
    public async Task PutPayment_CurrencyZzz_400NamingCurrency()
    {
        var (org, path) = NewPayment();

        using var response = await PutPaymentAsync(path, 1_000, "ZZZ", []);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("currency", out _));
        await AssertPaymentAbsentAsync(org, path);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("Eur")]
    [InlineData("JPY")]
    [InlineData("xof")]
    public async Task PutInvoice_ActiveIsoCurrencyInAnyCase_Created(string currency)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/invoices/inv_1", TestKeys.Sync(), new { amount = 1_000, currency, paidAmount = 0 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static (string Org, string Path) NewPayment()
    {
        var org = Seed.NewOrg();
        return (org, $"/api/organizations/{org}/payments/{Seed.NewId("pay_")}");
    }

    private Task<HttpResponseMessage> PutPaymentAsync(string path, long amount, string currency, (string InvoiceId, long Amount)[] allocations) =>
        _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new
        {
            stripePaymentIntentId = Seed.NewId("pi_"),
            connectedAccountId = Seed.Account,
            amount,
            currency,
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = allocations.Select(a => new { invoiceId = a.InvoiceId, amount = a.Amount }).ToArray(),
        });

    /// <summary>The refund start answers 404 only when no payment was stored.</summary>
    private async Task AssertPaymentAbsentAsync(string org, string path)
    {
        using var refund = await _app.SendAsync(HttpMethod.Post, $"{path}/refunds", TestKeys.Admin(org));
        await ProblemAssert.IsProblemAsync(refund, HttpStatusCode.NotFound);
    }
}
