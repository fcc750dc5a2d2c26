using System.Net;
using System.Text;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Sync;

/// <summary>The credit memo and settings PUTs: idempotent, validated like the invoice PUT, and the rules issue 11 adds.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CreditMemoSyncTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object ValidMemo(long amount = 1_000, long refundedAmount = 0) =>
        new { amount, currency = "usd", invoiceId = "inv_1", refundedAmount };

    [Fact]
    public async Task PutCreditMemo_SameBodyTwiceThenChanged_CreatedUnchangedUpdated()
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/credit-memos/cm_1";

        using var first = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), ValidMemo());
        using var second = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), ValidMemo());
        using var third = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), ValidMemo(refundedAmount: 300));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(path, first.Headers.Location?.OriginalString);
        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(second)).GetProperty("outcome").GetString());
        Assert.Equal("updated", (await ProblemAssert.JsonAsync(third)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task PutCreditMemo_InvalidFields_400ListingEveryProblemAndNothingStored()
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/credit-memos/cm_bad";

        using var response = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { amount = 100_000_000, currency = "dollars", invoiceId = "inv 1", refundedAmount = -1 });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "amount", "currency", "invoiceId", "refundedAmount" }, errors);
        await AssertMemoAbsentAsync(path);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(1_000, 1_001)]
    public async Task PutCreditMemo_AmountsOutOfBounds_400(long amount, long refundedAmount)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/credit-memos/cm_1", TestKeys.Sync(), ValidMemo(amount, refundedAmount));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies() => new()
    {
        { "oversized", "{\"amount\": 1, \"currency\": \"usd\", \"pad\": \"" + new string('x', 70_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "body_too_large" },
        { "array", "[1, 2, 3]", HttpStatusCode.BadRequest, "malformed_json" },
        { "truncated", "{\"amount\": 1", HttpStatusCode.BadRequest, "malformed_json" },
        { "deeply nested", new string('[', 200) + new string(']', 200), HttpStatusCode.BadRequest, "malformed_json" },
        { "wrong types", "{\"amount\": \"a lot\", \"currency\": \"usd\"}", HttpStatusCode.BadRequest, "malformed_json" },
        { "unknown field", "{\"amount\": 1, \"currency\": \"usd\", \"invoiceId\": \"inv_1\", \"refundedAmount\": 0, \"status\": \"Refunded\"}", HttpStatusCode.BadRequest, "malformed_json" },
        { "null", "null", HttpStatusCode.BadRequest, "body_required" },
        { "empty", "", HttpStatusCode.BadRequest, "body_required" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PutCreditMemo_BadJson_ProblemAndNothingStored(string why, string body, HttpStatusCode expected, string code)
    {
        _ = why;
        var path = $"/api/organizations/{Seed.NewOrg()}/credit-memos/cm_bad";
        using var request = _app.Request(HttpMethod.Put, path, TestKeys.Sync());
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, expected, code);
        await AssertMemoAbsentAsync(path);
    }

    [Fact]
    public async Task PutCreditMemo_NotJson_415()
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/credit-memos/cm_bad";
        using var request = _app.Request(HttpMethod.Put, path, TestKeys.Sync());
        request.Content = new StringContent("<memo/>", Encoding.UTF8, "application/xml");

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertMemoAbsentAsync(path);
    }

    [Theory]
    [InlineData("cm'%20or%20'1'%20eq%20'1")]
    [InlineData("cm%0A")]
    public async Task PutCreditMemo_IdWithODataMetacharacters_400(string creditMemoId)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/credit-memos/{creditMemoId}", TestKeys.Sync(), ValidMemo());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task PutCreditMemoAndSettings_AdminToken_403()
    {
        var org = Seed.NewOrg();

        using var memo = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/credit-memos/cm_1", TestKeys.Admin(org), ValidMemo());
        using var settings = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/settings", TestKeys.Admin(org), new { refundRecording = "credit_memo" });
        using var anonymous = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/settings", token: null, new { refundRecording = "credit_memo" });

        await ProblemAssert.IsProblemAsync(memo, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(settings, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task PutSettings_CreditMemoForIntacctOrganization_422AndNothingStored()
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/settings";

        using var refused = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { refundRecording = "credit_memo", exportsToIntacct = true });
        using var allowed = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { refundRecording = "payment", exportsToIntacct = true });

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "credit_memo_not_allowed_with_intacct");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task PutSettings_SameTwiceUnknownModeMissingMode_CreatedUnchanged400()
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/settings";

        using var first = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { refundRecording = "credit_memo" });
        using var second = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { refundRecording = "credit_memo", exportsToIntacct = false });
        using var unknown = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { refundRecording = "creditMemo" });
        using var missing = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { exportsToIntacct = false });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(second)).GetProperty("outcome").GetString());
        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("refundRecording", out _));
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task PutCreditMemo_WhileARefundHoldsIt_HoldKeptAndContradictingPut409()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenSucceed());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        var memo = await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.Invoice1, amount: 20_000);
        var path = $"/api/organizations/{paid.Org}/credit-memos/{memo}";
        using var started = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;

        using var shrink = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { amount = 20_000, currency = "usd", invoiceId = paid.Invoice1, refundedAmount = 5_001 });
        using var fits = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), new { amount = 20_000, currency = "usd", invoiceId = paid.Invoice1, refundedAmount = 5_000 });

        await ProblemAssert.IsProblemAsync(shrink, HttpStatusCode.Conflict, "credit_memo_locked");
        Assert.Equal("updated", (await ProblemAssert.JsonAsync(fits)).GetProperty("outcome").GetString());
        var status = await _app.GetRefundAsync(paid.Org, refundId);
        Assert.Equal(15_000, status.GetProperty("linkedTo").GetProperty("reservedAmount").GetInt64());
        Assert.Equal(0, status.GetProperty("linkedTo").GetProperty("remainingAmount").GetInt64());
    }

    /// <summary>A first valid PUT creating the memo proves the bad one stored nothing.</summary>
    private async Task AssertMemoAbsentAsync(string path)
    {
        using var response = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), ValidMemo());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
