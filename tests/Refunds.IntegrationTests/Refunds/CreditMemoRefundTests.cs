using System.Net;
using System.Text.Json;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>Issue 11: a refund linked to the credit memo that still settles the payment's invoice, or to the payment.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CreditMemoRefundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StartRefund_CreditMemoModeWithCoveringMemo_CompletesOnTheMemoInvoicesStaySettled()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        var memo = await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.Invoice1, amount: 20_000, refundedAmount: 1_000);

        var status = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var linked = status.GetProperty("linkedTo");
        Assert.Equal("creditMemo", linked.GetProperty("type").GetString());
        Assert.Equal(memo, linked.GetProperty("id").GetString());
        Assert.Equal(20_000, linked.GetProperty("amount").GetInt64());
        Assert.Equal(16_000, linked.GetProperty("refundedAmount").GetInt64());
        Assert.Equal(0, linked.GetProperty("reservedAmount").GetInt64());
        Assert.Equal(4_000, linked.GetProperty("remainingAmount").GetInt64());
        Assert.Equal("Open", linked.GetProperty("status").GetString());
        Assert.Equal("NotApplicable", status.GetProperty("intacct").GetProperty("status").GetString());
        foreach (var invoice in status.GetProperty("invoices").EnumerateArray())
        {
            Assert.Equal("Paid", invoice.GetProperty("status").GetString());
            Assert.False(invoice.GetProperty("inCollections").GetBoolean());
        }

        Assert.Equal(["Started", "StripeRefundSucceeded", "RecordedOnCreditMemo"], Outcomes(status));
        Assert.Single(_app.Stripe.RefundsFor(paid.PaymentIntentId));
        using var again = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "payment_already_refunded");
    }

    [Fact]
    public async Task StartRefund_MemoCoversExactly_MemoEndsRefunded()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.InvoiceInDispute, amount: 15_000);

        var status = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));

        Assert.Equal("Refunded", status.GetProperty("linkedTo").GetProperty("status").GetString());
        Assert.Equal(15_000, status.GetProperty("linkedTo").GetProperty("refundedAmount").GetInt64());
    }

    [Fact]
    public async Task StartRefund_PaymentModeWithCoveringMemo_LinkedToPaymentInvoicesReopened()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "payment");
        await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.Invoice1, amount: 20_000);

        var status = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));

        AssertLinkedToPayment(status, paid);
        Assert.Equal(["Started", "StripeRefundSucceeded", "InvoicesReopened"], Outcomes(status));
    }

    [Fact]
    public async Task StartRefund_CreditMemoModeNoMemoForItsInvoices_FallsBackToPayment()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{paid.Org}/invoices/inv_other", TestKeys.Sync(), new { amount = 20_000, currency = "usd", paidAmount = 0 });
        await CreditMemoSeed.MemoAsync(_app, paid.Org, "inv_other", amount: 20_000);

        var status = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));

        AssertLinkedToPayment(status, paid);
    }

    [Fact]
    public async Task StartRefund_CreditMemoWithTooLittleLeft_FallsBackToPaymentAndMemoUntouched()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        var memo = await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.Invoice1, amount: 20_000, refundedAmount: 5_001);

        var status = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));

        AssertLinkedToPayment(status, paid);

        // The memo was never held: the same PUT is still "unchanged".
        using var same = await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{paid.Org}/credit-memos/{memo}", TestKeys.Sync(), new { amount = 20_000, currency = "usd", invoiceId = paid.Invoice1, refundedAmount = 5_001 });
        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(same)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task StartRefund_TwoRefundsRaceForOneMemo_OneLinksToItTheOtherToItsPayment()
    {
        var org = Seed.NewOrg();
        var invoice = Seed.NewId("inv_");
        await _app.SendAsync(HttpMethod.Put, $"/api/organizations/{org}/invoices/{invoice}", TestKeys.Sync(), new { amount = 30_000, currency = "usd", paidAmount = 30_000 });
        var first = await CreditMemoSeed.PaymentOnAsync(_app, org, invoice, 15_000);
        var second = await CreditMemoSeed.PaymentOnAsync(_app, org, invoice, 15_000);
        await CreditMemoSeed.SettingsAsync(_app, org, "credit_memo");
        var memo = await CreditMemoSeed.MemoAsync(_app, org, invoice, amount: 15_000);

        var refundIds = await Task.WhenAll(StartAsync(first), StartAsync(second));
        var statuses = new List<JsonElement>();
        foreach (var refundId in refundIds)
        {
            statuses.Add(await _app.WaitForTerminalAsync(org, refundId));
        }

        var links = statuses.Select(s => s.GetProperty("linkedTo").GetProperty("type").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["creditMemo", "payment"], links);
        var onMemo = Assert.Single(statuses, s => s.GetProperty("linkedTo").GetProperty("type").GetString() == "creditMemo");
        Assert.Equal(memo, onMemo.GetProperty("linkedTo").GetProperty("id").GetString());
        Assert.Equal(15_000, onMemo.GetProperty("linkedTo").GetProperty("refundedAmount").GetInt64());
        Assert.All(statuses, s => Assert.Equal("Completed", s.GetProperty("runtimeStatus").GetString()));
    }

    [Fact]
    public async Task StartRefund_LinkedToMemoFailsAtStripe_HoldGivenBackAndNextRefundLinksAgain()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg());
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        var memo = await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.Invoice1, amount: 15_000);
        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenFail("expired_or_canceled_card", afterRetrieves: 1));

        var failed = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));

        Assert.Equal("Failed", failed.GetProperty("runtimeStatus").GetString());
        Assert.Equal(0, failed.GetProperty("linkedTo").GetProperty("reservedAmount").GetInt64());
        Assert.Equal(15_000, failed.GetProperty("linkedTo").GetProperty("remainingAmount").GetInt64());

        _app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.Succeed);
        var retried = await _app.WaitForTerminalAsync(paid.Org, await StartAsync(paid));
        Assert.Equal("Completed", retried.GetProperty("runtimeStatus").GetString());
        Assert.Equal(memo, retried.GetProperty("linkedTo").GetProperty("id").GetString());
        Assert.Equal("Refunded", retried.GetProperty("linkedTo").GetProperty("status").GetString());
    }

    [Fact]
    public async Task StartRefund_CreditMemoModePaymentExportedToIntacct_LinkedToPaymentAndReversed()
    {
        var paid = await Seed.PaidOnlinePaymentAsync(_app, Seed.NewOrg(), intacctKey: "5811");
        await CreditMemoSeed.SettingsAsync(_app, paid.Org, "credit_memo");
        await CreditMemoSeed.MemoAsync(_app, paid.Org, paid.Invoice1, amount: 20_000);
        var refundId = await StartAsync(paid);

        var status = await _app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("intacct").GetProperty("status").GetString() is "Succeeded" or "Failed", "Intacct reversal settled");

        AssertLinkedToPayment(status, paid);
        Assert.Equal("Succeeded", status.GetProperty("intacct").GetProperty("status").GetString());
    }

    private static void AssertLinkedToPayment(JsonElement status, SeededPayment paid)
    {
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var linked = status.GetProperty("linkedTo");
        Assert.Equal("payment", linked.GetProperty("type").GetString());
        Assert.Equal(paid.PaymentId, linked.GetProperty("id").GetString());
        Assert.False(linked.TryGetProperty("amount", out _));
        var invoice = status.GetProperty("invoices").EnumerateArray().First(i => i.GetProperty("invoiceId").GetString() == paid.Invoice1);
        Assert.Equal("Unpaid", invoice.GetProperty("status").GetString());
        Assert.True(invoice.GetProperty("inCollections").GetBoolean());
    }

    private static List<string?> Outcomes(JsonElement status) =>
        status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()).ToList();

    private async Task<string> StartAsync(SeededPayment paid)
    {
        using var response = await _app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
