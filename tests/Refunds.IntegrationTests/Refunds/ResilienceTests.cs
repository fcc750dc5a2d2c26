using Refunds.Application.Workflow;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>Crashes, redelivery and a misbehaving Stripe: never a second refund, never a lost one.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResilienceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunStep_CrashAfterStripeAnsweredBeforeSaving_RedeliveryCreatesNoSecondRefund()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Testing:CrashPoints:Armed:0"] = CrashPoints.AfterStripeRefundCreated,
        });
        // Webhooks held back: the refund.created event would otherwise tell the workflow first, and this test is about
        // the redelivered step finding the refund through Stripe's idempotency.
        await app.ConfigureWebhooksAsync(new WebhookOptions { Hold = true });
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());

        var refundId = await StartAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
        var creates = app.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/refunds").ToList();
        Assert.Equal(2, creates.Count);
        Assert.True(creates[1].Replayed, "the second create must be answered from Stripe's idempotency cache");
    }

    [Fact]
    public async Task Activity_CrashAfterCommit_RunsAgainAndCompletesOnce()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Testing:CrashPoints:Armed:0"] = CrashPoints.AfterCommit,
        });
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());

        var refundId = await StartAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task CreateRefund_Stripe500sAnd429s_RetriedToOneRefund()
    {
        await using var app = await TestApp.StartAsync(azurite);
        // The refund.updated webhook sent once the create went through could finish the refund while the step runner is
        // still retrying; held, only the retried creates can, so every injected fault is met by a create.
        await app.ConfigureWebhooksAsync(new WebhookOptions { Hold = true });
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.InjectFaults(Fault.ApiError, Fault.RateLimit, Fault.LockTimeout, Fault.ProcessThenFail, Fault.ApiError);

        var refundId = await StartAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.True(app.Stripe.Requests.Count(r => r.Method == "POST" && r.Path == "/v1/refunds") >= 5);
    }

    [Fact]
    public async Task CreateRefund_StripeDownLongerThanRetries_ErrorVisibleThenCompletes()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.InjectFaults(Enumerable.Repeat(Fault.ApiError, 6).ToArray());

        var refundId = await StartAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains(status.GetProperty("history").EnumerateArray(), h => h.GetProperty("outcome").GetString() == "Error");
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task RunStep_AppRestartedMidWorkflow_ResumesAndCompletes()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>(TestApp.ShortVisibility));
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenSucceed());

        var refundId = await StartAsync(app, paid);
        await Poll.UntilAsync(() => app.Stripe.RefundsFor(paid.PaymentIntentId).Count == 1, TimeSpan.FromSeconds(20), "the Stripe refund");
        await app.RestartAppAsync();
        app.Stripe.SettleRefund(app.Stripe.RefundsFor(paid.PaymentIntentId)[0].Id);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    [Fact]
    public async Task StartRefund_CrashAfterClaimBeforeScheduling_Still202AndTheReconcilerCompletesIt()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Testing:CrashPoints:Armed:0"] = CrashPoints.AfterClaimBeforeSchedule,
        });
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());

        var refundId = await StartAsync(app, paid);
        Assert.Null(await app.DurableClient.GetInstanceAsync(refundId));
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    private static async Task<string> StartAsync(TestApp app, SeededPayment paid)
    {
        using var response = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        response.EnsureSuccessStatusCode();
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
