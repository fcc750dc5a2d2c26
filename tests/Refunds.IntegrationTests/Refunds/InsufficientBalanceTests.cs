using System.Net;
using System.Text.Json;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>A connected account too poor to refund: wait, top up, give up, or refund outside Stripe.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InsufficientBalanceTests(AzuriteFixture azurite)
{
    /// <summary>The answers a cancel may get once a Stripe create can be in flight.</summary>
    private static readonly string[] CancelLostCodes = ["refund_in_progress", "stripe_refund_exists"];

    [Fact]
    public async Task InsufficientBalance_TopUpSendsBalanceAvailable_ExactlyOneRefundAndCompleted()
    {
        // Periodic checks far apart: only the balance.available webhook can resume this refund in time.
        await using var app = await StartAsync(checkEvery: "01:00:00");
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 1_000, pendingMinor: 2_000);

        var refundId = await StartRefundAsync(app, paid);
        var waiting = await WaitForFundsAsync(app, paid, refundId);

        var funds = waiting.GetProperty("funds");
        Assert.Equal((1_000, 2_000, 14_000, "USD"), (funds.GetProperty("available").GetInt64(), funds.GetProperty("pending").GetInt64(), funds.GetProperty("short").GetInt64(), funds.GetProperty("currency").GetString()));
        var custom = waiting.GetProperty("customStatus").GetString()!;
        Assert.Contains("14000 USD short", custom, StringComparison.Ordinal);
        Assert.Contains("/retry", custom, StringComparison.Ordinal);
        Assert.Contains("/cancel", custom, StringComparison.Ordinal);

        app.Stripe.TopUp(Seed.Account, "usd", 20_000);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var refund = Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.Equal(refundId, refund.Metadata["refund_id"]);
        var creates = app.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/refunds").ToList();
        Assert.Equal([$"refund-{refundId}", $"refund-{refundId}-1"], creates.Select(c => c.IdempotencyKey));
        Assert.Contains(app.Stripe.Requests, r => r.Path == "/v1/balance" && r.Account == Seed.Account);
        Assert.Contains(Outcomes(status), o => o == "BalanceAvailable");
    }

    [Fact]
    public async Task InsufficientBalance_PeriodicCheckFindsFunds_Completes()
    {
        await using var app = await StartAsync(checkEvery: "00:00:01");
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 0);

        var refundId = await StartRefundAsync(app, paid);
        await app.WaitForStatusAsync(paid.Org, refundId, s => Outcomes(s).Contains("BalanceChecked"), "a periodic balance check");

        // Set without a balance.available event: only the next periodic check can notice.
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 50_000);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.DoesNotContain(app.Stripe.WebhookDeliveries, d => d.Type == "balance.available");
    }

    [Fact]
    public async Task InsufficientBalance_GiveUpDeadlinePasses_FailedWithClearReason()
    {
        await using var app = await StartAsync(checkEvery: "00:00:01", giveUpAfter: "00:00:03");
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 100);

        var refundId = await StartRefundAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        var message = status.GetProperty("lastError").GetProperty("message").GetString()!;
        Assert.Contains("Gave up waiting for funds", message, StringComparison.Ordinal);
        Assert.Contains("14900 USD short", message, StringComparison.Ordinal);
        Assert.Empty(app.Stripe.RefundsFor(paid.PaymentIntentId));
        AssertInvoicesUntouched(status);

        // Nothing was refunded and the payment was released: a new attempt may start.
        using var again = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Cancel_WhileWaitingForFunds_CanceledPaymentAndInvoicesUntouched()
    {
        await using var app = await StartAsync(checkEvery: "01:00:00");
        var (paid, refundId) = await WaitingForFundsAsync(app);

        using var cancel = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(paid.Org));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var status = await app.GetRefundAsync(paid.Org, refundId);
        Assert.Equal("Canceled", status.GetProperty("runtimeStatus").GetString());
        AssertInvoicesUntouched(status);
        Assert.Empty(app.Stripe.RefundsFor(paid.PaymentIntentId));
        using var cancelAgain = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(cancelAgain, HttpStatusCode.Conflict, "refund_not_waiting");
        using var retry = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "retry"), TestKeys.Ops());
        await ProblemAssert.IsProblemAsync(retry, HttpStatusCode.Conflict, "refund_not_waiting");

        // The payment is still succeeded and released, so it is not stuck behind the canceled refund.
        using var restart = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
    }

    [Fact]
    public async Task Cancel_WhileStripeCreatesAfterBalanceAvailable_409AndExactlyOneRefundCompleted()
    {
        await using var app = await StartAsync(checkEvery: "01:00:00");
        var (paid, refundId) = await WaitingForFundsAsync(app);
        var createsBefore = app.Stripe.RefundCreatesStarted;

        // Stripe takes 3 s over the create that the top-up's balance.available starts: the cancel lands inside it.
        app.Stripe.DelayRefundCreates(TimeSpan.FromSeconds(3));
        app.Stripe.TopUp(Seed.Account, "usd", 20_000);
        await Poll.UntilAsync(() => app.Stripe.RefundCreatesStarted > createsBefore, TimeSpan.FromSeconds(30), "the create to reach Stripe");
        using var cancel = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(paid.Org));

        var problem = await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.Conflict);
        Assert.Contains(problem.GetProperty("code").GetString(), CancelLostCodes);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.DoesNotContain(Outcomes(status), o => o == "Canceled");
        Assert.Equal(refundId, Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId)).Metadata["refund_id"]);
    }

    [Fact]
    public async Task Cancel_WhileStripeAnswers500_503StripeUnavailableWithRetryAfterAndRefundUnchanged()
    {
        await using var app = await StartAsync(checkEvery: "01:00:00");
        var (paid, refundId) = await WaitingForFundsAsync(app);
        var before = await app.GetRefundAsync(paid.Org, refundId);

        // More failures than the adapter retries, so its last attempt fails too.
        app.Stripe.InjectFaults(Enumerable.Repeat(Fault.ApiError, 20).ToArray());
        using var cancel = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(paid.Org));
        app.Stripe.ClearFaults();

        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.ServiceUnavailable, "stripe_unavailable");
        Assert.NotNull(cancel.Headers.RetryAfter);
        var after = await app.GetRefundAsync(paid.Org, refundId);
        Assert.Equal("Waiting", after.GetProperty("runtimeStatus").GetString());
        Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        AssertInvoicesUntouched(after);
        using var again = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(paid.Org));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Retry_AfterSilentTopUp_CompletesWithOneRefund()
    {
        await using var app = await StartAsync(checkEvery: "01:00:00");
        var (paid, refundId) = await WaitingForFundsAsync(app);
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 15_000);

        using var retry = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "retry"), TestKeys.Admin(paid.Org));

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.Contains(Outcomes(status), o => o == "RetryRequested");
    }

    [Fact]
    public async Task RetryAndCancel_RunningRefundOrOtherOrganization_409Or403()
    {
        await using var app = await StartAsync(checkEvery: "01:00:00");
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        var refundId = await StartRefundAsync(app, paid);
        await app.WaitForTerminalAsync(paid.Org, refundId);

        using var retry = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "retry"), TestKeys.Admin(paid.Org));
        using var foreign = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(Seed.NewOrg()));
        using var missing = await app.SendAsync(HttpMethod.Post, ActionPath(paid, "rf_missing", "cancel"), TestKeys.Admin(paid.Org));

        await ProblemAssert.IsProblemAsync(retry, HttpStatusCode.Conflict, "refund_not_waiting");
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PendingInsufficientFunds_TopUp_CompletesThroughRefundUpdated()
    {
        await using var app = await StartAsync(checkEvery: "01:00:00", pollMax: "01:00:00");
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingInsufficientFunds());
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 500, pendingMinor: 9_000);

        var refundId = await StartRefundAsync(app, paid);
        var waiting = await app.WaitForStatusAsync(paid.Org, refundId, s => s.TryGetProperty("funds", out _), "held by Stripe for funds");

        Assert.Equal("Waiting", waiting.GetProperty("runtimeStatus").GetString());
        Assert.Equal(14_500, waiting.GetProperty("funds").GetProperty("short").GetInt64());
        Assert.Contains("Stripe holds refund", waiting.GetProperty("customStatus").GetString(), StringComparison.Ordinal);
        using var cancel = await app.SendAsync(HttpMethod.Post, ActionPath(paid, refundId, "cancel"), TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.Conflict, "stripe_refund_exists");

        app.Stripe.TopUp(Seed.Account, "usd", 20_000);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("succeeded", Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId)).Status);
    }

    /// <param name="pollMax">Long polling delays leave webhooks as the only way forward.</param>
    private Task<TestApp> StartAsync(string checkEvery, string giveUpAfter = "7.00:00:00", string? pollMax = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Workflow:BalanceCheckInterval"] = checkEvery,
            ["Workflow:InsufficientFundsGiveUpAfter"] = giveUpAfter,
        };
        if (pollMax is not null)
        {
            settings["Workflow:PollFirstDelay"] = pollMax;
            settings["Workflow:PollMaxDelay"] = pollMax;
        }

        return TestApp.StartAsync(azurite, settings);
    }

    /// <summary>A refund Stripe refused for an empty balance, now waiting for funds.</summary>
    private static async Task<(SeededPayment Paid, string RefundId)> WaitingForFundsAsync(TestApp app)
    {
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 0);
        var refundId = await StartRefundAsync(app, paid);
        await WaitForFundsAsync(app, paid, refundId);
        return (paid, refundId);
    }

    private static Task<JsonElement> WaitForFundsAsync(TestApp app, SeededPayment paid, string refundId) =>
        app.WaitForStatusAsync(
            paid.Org,
            refundId,
            s => s.GetProperty("runtimeStatus").GetString() == "Waiting" && s.TryGetProperty("funds", out _),
            "waiting for funds");

    private static async Task<string> StartRefundAsync(TestApp app, SeededPayment paid)
    {
        using var response = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        response.EnsureSuccessStatusCode();
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }

    private static string ActionPath(SeededPayment paid, string refundId, string action) =>
        $"/api/organizations/{paid.Org}/refunds/{refundId}/{action}";

    private static List<string?> Outcomes(JsonElement status) =>
        status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("outcome").GetString()).ToList();

    private static void AssertInvoicesUntouched(JsonElement status)
    {
        foreach (var invoice in status.GetProperty("invoices").EnumerateArray())
        {
            Assert.Equal("Paid", invoice.GetProperty("status").GetString());
            Assert.False(invoice.GetProperty("inCollections").GetBoolean());
        }
    }
}
