using System.Net;
using System.Text.Json;
using Refunds.Http.Auth;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Listing;

/// <summary>Reading back payments, invoices, credit memos and settings: the PUT bodies' fields, roles, and 404 across organizations.</summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class LedgerReadTests(AzuriteFixture azurite, LedgerReadTests.Data shared) : IClassFixture<LedgerReadTests.Data>
{
    [Fact]
    public async Task GetPayment_RefundedOnACreditMemo_PutFieldsAndItsRefundSummary()
    {
        var data = await StartAsync();

        var body = await GetOkAsync(data, $"/api/organizations/{data.Org}/payments/{data.Refunded.PaymentId}", TestKeys.Admin(data.Org));

        Assert.Equal(data.Refunded.PaymentId, body.GetProperty("paymentId").GetString());
        Assert.Equal(data.Refunded.PaymentIntentId, body.GetProperty("stripePaymentIntentId").GetString());
        Assert.Equal(Seed.Account, body.GetProperty("connectedAccountId").GetString());
        Assert.Equal((15_000, "USD", "refunded", "online_portal", "other"), (body.GetProperty("amount").GetInt64(), body.GetProperty("currency").GetString(), body.GetProperty("status").GetString(), body.GetProperty("source").GetString(), body.GetProperty("paymentMethod").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("paidAt").GetDateTimeOffset());
        Assert.Equal(
            [(data.Refunded.Invoice1, 10_000L), (data.Refunded.InvoiceInDispute, 5_000L)],
            body.GetProperty("allocations").EnumerateArray().Select(a => (a.GetProperty("invoiceId").GetString(), a.GetProperty("amount").GetInt64())));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("intacctArPaymentKey").ValueKind);
        var refund = body.GetProperty("refund");
        Assert.Equal((data.RefundId, "Completed"), (refund.GetProperty("refundId").GetString(), refund.GetProperty("status").GetString()));
        Assert.Equal(("creditMemo", data.MemoId), (refund.GetProperty("linkedTo").GetProperty("type").GetString(), refund.GetProperty("linkedTo").GetProperty("id").GetString()));
        Assert.Equal($"/api/organizations/{data.Org}/refunds?paymentId={data.Refunded.PaymentId}", body.GetProperty("refundsUrl").GetString());
    }

    [Fact]
    public async Task GetPayment_NeverRefunded_RefundNullAndMethodAsSynced()
    {
        var data = await StartAsync();

        var body = await GetOkAsync(data, $"/api/organizations/{data.Org}/payments/{data.Unrefunded.PaymentId}", TestKeys.Sync());

        Assert.Equal(("succeeded", "us_bank_account", "4711"), (body.GetProperty("status").GetString(), body.GetProperty("paymentMethod").GetString(), body.GetProperty("intacctArPaymentKey").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("refund").ValueKind);
    }

    [Fact]
    public async Task GetInvoiceAndCreditMemo_AfterARefundOnTheMemo_AmountsAsTheLedgerHoldsThem()
    {
        var data = await StartAsync();

        var invoice = await GetOkAsync(data, $"/api/organizations/{data.Org}/invoices/{data.Refunded.InvoiceInDispute}", TestKeys.Ops());
        var memo = await GetOkAsync(data, $"/api/organizations/{data.Org}/credit-memos/{data.MemoId}", TestKeys.Admin(data.Org));

        Assert.Equal((5_000, "USD", 5_000, true, false, false, "Paid"), (invoice.GetProperty("amount").GetInt64(), invoice.GetProperty("currency").GetString(), invoice.GetProperty("paidAmount").GetInt64(), invoice.GetProperty("inDispute").GetBoolean(), invoice.GetProperty("inCollections").GetBoolean(), invoice.GetProperty("void").GetBoolean(), invoice.GetProperty("status").GetString()));
        Assert.Equal((data.Refunded.Invoice1, 20_000, "USD"), (memo.GetProperty("invoiceId").GetString(), memo.GetProperty("amount").GetInt64(), memo.GetProperty("currency").GetString()));
        Assert.Equal(
            (1_000L, 15_000L, 16_000L, 0L, 4_000L, "Open"),
            (memo.GetProperty("refundedAmount").GetInt64(), memo.GetProperty("refundedHereAmount").GetInt64(), memo.GetProperty("totalRefundedAmount").GetInt64(), memo.GetProperty("reservedAmount").GetInt64(), memo.GetProperty("remainingAmount").GetInt64(), memo.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task GetSettings_SetAndNeverSet_ValuesAndWhetherConfigured()
    {
        var data = await StartAsync();

        var set = await GetOkAsync(data, $"/api/organizations/{data.Org}/settings", TestKeys.Admin(data.Org));
        var never = await GetOkAsync(data, $"/api/organizations/{data.OtherOrg}/settings", TestKeys.Ops());

        Assert.Equal(("credit_memo", false, true), (set.GetProperty("refundRecording").GetString(), set.GetProperty("exportsToIntacct").GetBoolean(), set.GetProperty("configured").GetBoolean()));
        Assert.Equal(("payment", false, false), (never.GetProperty("refundRecording").GetString(), never.GetProperty("exportsToIntacct").GetBoolean(), never.GetProperty("configured").GetBoolean()));
    }

    [Fact]
    public async Task Reads_AnotherOrganizationsIdsOrUnknownIds_404NotFound()
    {
        var data = await StartAsync();
        var paths = new[]
        {
            $"/api/organizations/{data.Org}/payments/{data.OtherPayment.PaymentId}",
            $"/api/organizations/{data.Org}/invoices/{data.OtherPayment.Invoice1}",
            $"/api/organizations/{data.OtherOrg}/credit-memos/{data.MemoId}",
            $"/api/organizations/{data.Org}/payments/pay_unknown",
            $"/api/organizations/{data.Org}/credit-memos/cm_unknown",
        };

        foreach (var path in paths)
        {
            using var byOps = await data.App.SendAsync(HttpMethod.Get, path, TestKeys.Ops());
            await ProblemAssert.IsProblemAsync(byOps, HttpStatusCode.NotFound, "not_found");
        }

        using var byAdmin = await data.App.SendAsync(HttpMethod.Get, paths[0], TestKeys.Admin(data.Org));
        await ProblemAssert.IsProblemAsync(byAdmin, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("payments")]
    [InlineData("invoices")]
    [InlineData("credit-memos")]
    [InlineData("settings")]
    public async Task Reads_AdminOrSyncOfAnotherOrgOrNoToken_403Or401AndBadId400(string kind)
    {
        var data = await StartAsync();
        var id = kind switch
        {
            "payments" => data.Refunded.PaymentId,
            "invoices" => data.Refunded.Invoice1,
            "credit-memos" => data.MemoId,
            _ => null,
        };
        var path = $"/api/organizations/{data.Org}/{kind}" + (id is null ? "" : "/" + id);

        using var otherAdmin = await data.App.SendAsync(HttpMethod.Get, path, TestKeys.Admin(data.OtherOrg));
        using var otherOrgSync = await data.App.SendAsync(HttpMethod.Get, path, TestKeys.Token(data.OtherOrg, [Roles.Sync], subject: "platform-sync"));
        using var anonymous = await data.App.SendAsync(HttpMethod.Get, path, token: null);
        using var badOrg = await data.App.SendAsync(HttpMethod.Get, path.Replace(data.Org, "org%20x", StringComparison.Ordinal), TestKeys.Ops());

        await ProblemAssert.IsProblemAsync(otherAdmin, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(otherOrgSync, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(badOrg, HttpStatusCode.BadRequest, "validation_failed");
        foreach (var token in new[] { TestKeys.Admin(data.Org), TestKeys.Ops(), TestKeys.Sync(), TestKeys.Token(data.Org, [Roles.Sync], subject: "platform-sync") })
        {
            using var allowed = await data.App.SendAsync(HttpMethod.Get, path, token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    private async Task<Data> StartAsync()
    {
        await shared.StartAsync(azurite);
        return shared;
    }

    private static async Task<JsonElement> GetOkAsync(Data data, string path, string token)
    {
        using var response = await data.App.SendAsync(HttpMethod.Get, path, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>
    /// An organization recording refunds on credit memos with one payment refunded onto a memo (1,000 of 20,000 refunded
    /// outside, 15,000 here) and one exported bank-debit payment never refunded; another organization with a payment.
    /// </summary>
    public sealed class Data : SharedAppFixture
    {
        public string Org { get; } = Seed.NewOrg();

        public string OtherOrg { get; } = Seed.NewOrg();

        public SeededPayment Refunded { get; private set; } = null!;

        public SeededPayment Unrefunded { get; private set; } = null!;

        public SeededPayment OtherPayment { get; private set; } = null!;

        public string MemoId { get; private set; } = "";

        public string RefundId { get; private set; } = "";

        protected override async Task SeedAsync(TestApp app)
        {
            await CreditMemoSeed.SettingsAsync(app, Org, "credit_memo");
            Refunded = await Seed.PaidOnlinePaymentAsync(app, Org);
            MemoId = await CreditMemoSeed.MemoAsync(app, Org, Refunded.Invoice1, amount: 20_000, refundedAmount: 1_000);
            Unrefunded = await Seed.PaidOnlinePaymentAsync(app, Org, intacctKey: "4711", paymentMethod: "us_bank_account");
            OtherPayment = await Seed.PaidOnlinePaymentAsync(app, OtherOrg);
            RefundId = await OrganizationListFixture.StartRefundAsync(app, Refunded);
            await app.WaitForTerminalAsync(Org, RefundId);
        }
    }
}
