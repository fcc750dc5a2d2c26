using System.Text.Json;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Reconciliation;

/// <summary>
/// Runs against the real app, Azurite and the Stripe stand-in: each class of drift made the way it happens (a Dashboard
/// refund, a refund failing after it succeeded, a webhook lost while a refund waits, a payment synced with another amount
/// than Stripe's, a refund Stripe no longer knows), found once, under stable ids, across Stripe pages of two.
/// </summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class ReconciliationFindingsTests(AzuriteFixture azurite, ReconciliationFindingsTests.App shared) : IClassFixture<ReconciliationFindingsTests.App>
{
    [Fact]
    public async Task Run_EveryDriftClassOnOneAccount_OneFindingPerDriftWithItsCodeAmountsAndAction()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var org = Seed.NewOrg();
        var window = Reconcile.AroundNow();
        var clean = await Reconcile.PaymentAsync(app, org, account);
        var outside = await Reconcile.PaymentAsync(app, org, account);
        var failsLater = await Reconcile.PaymentAsync(app, org, account);
        var waiting = await Reconcile.PaymentAsync(app, org, account);
        var otherAmount = await Reconcile.PaymentAsync(app, org, account, amount: 15_000, stripeAmount: 14_000);
        var forgotten = await Reconcile.PaymentAsync(app, org, account);
        app.Stripe.ScriptRefund(waiting.PaymentIntentId, RefundScript.PendingInsufficientFunds());

        await Task.WhenAll(Reconcile.RefundAsync(app, clean), Reconcile.RefundAsync(app, failsLater), Reconcile.RefundAsync(app, otherAmount), Reconcile.RefundAsync(app, forgotten));
        var waitingId = await Reconcile.StartRefundAsync(app, waiting);
        await app.WaitForStatusAsync(org, waitingId, s => s.GetProperty("runtimeStatus").GetString() == "Waiting", "waiting for funds at Stripe");
        var dashboard = app.Stripe.CreateDashboardRefund(account, outside.PaymentIntentId);
        app.Stripe.FailSucceededRefund(app.Stripe.RefundsFor(failsLater.PaymentIntentId).Single().Id);
        app.Stripe.ForgetRefund(app.Stripe.RefundsFor(forgotten.PaymentIntentId).Single().Id);
        await app.ConfigureWebhooksAsync(new WebhookOptions { Hold = true });
        app.Stripe.SettleRefund(app.Stripe.RefundsFor(waiting.PaymentIntentId).Single().Id);
        await app.ConfigureWebhooksAsync(new WebhookOptions());

        var (run, findings) = await Reconcile.RunAsync(app, window, account);

        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("accounts").GetInt32());
        Assert.Equal(5, run.GetProperty("counts").GetProperty("stripeRefunds").GetInt32());
        Assert.Equal(5, run.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.Equal(
            ["amount_mismatch", "stripe_refund_failed_after_completed", "stripe_refund_missing", "stripe_refund_unrecorded", "stripe_succeeded_not_completed"],
            findings.Select(f => f.Code()).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("open", f.Text("status")));
        Assert.DoesNotContain(findings, f => f.Text("paymentId") == clean.PaymentId);

        var unrecorded = findings.Single(f => f.Code() == "stripe_refund_unrecorded");
        Assert.Equal((outside.PaymentId, dashboard.Id, org), (unrecorded.Text("paymentId"), unrecorded.Text("stripeRefundId"), unrecorded.Text("organizationId")));
        Assert.Equal(15_000, unrecorded.GetProperty("stripeAmount").GetProperty("amount").GetInt64());
        Assert.EndsWith($"/findings/{unrecorded.Text("id")}/record", unrecorded.Text("recordUrl"), StringComparison.Ordinal);

        var failed = findings.Single(f => f.Code() == "stripe_refund_failed_after_completed");
        Assert.Equal((failsLater.PaymentId, "Completed", "failed"), (failed.Text("paymentId"), failed.Text("ourStatus"), failed.Text("stripeStatus")));
        Assert.Null(failed.Text("recordUrl"));

        var notCompleted = findings.Single(f => f.Code() == "stripe_succeeded_not_completed");
        Assert.Equal((waitingId, "Waiting", "succeeded"), (notCompleted.Text("refundId"), notCompleted.Text("ourStatus"), notCompleted.Text("stripeStatus")));
        Assert.Contains($"/refunds/{waitingId}/retry", notCompleted.Text("suggestedAction"), StringComparison.Ordinal);

        var mismatch = findings.Single(f => f.Code() == "amount_mismatch");
        Assert.Equal(otherAmount.PaymentId, mismatch.Text("paymentId"));
        Assert.Equal((15_000, 14_000), (mismatch.GetProperty("ourAmount").GetProperty("amount").GetInt64(), mismatch.GetProperty("stripeAmount").GetProperty("amount").GetInt64()));

        var missing = findings.Single(f => f.Code() == "stripe_refund_missing");
        Assert.Equal(forgotten.PaymentId, missing.Text("paymentId"));
        Assert.Null(missing.Text("stripeStatus"));
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Text("difference")) || string.IsNullOrWhiteSpace(f.Text("suggestedAction"))));
    }

    [Fact]
    public async Task Run_SameWindowTwice_SameFindingIdsWithoutDuplicates()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var org = Seed.NewOrg();
        var window = Reconcile.AroundNow();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var paid = await Reconcile.PaymentAsync(app, org, account);
            app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId);
        }

        var (firstRun, first) = await Reconcile.RunAsync(app, window, account);
        var (secondRun, second) = await Reconcile.RunAsync(app, window, account);

        Assert.NotEqual(firstRun.Text("id"), secondRun.Text("id"));
        Assert.Equal(3, first.Count);
        Assert.Equal(first.Select(f => f.Text("id")).Order(StringComparer.Ordinal), second.Select(f => f.Text("id")).Order(StringComparer.Ordinal));
        Assert.Equal(3, first.Select(f => f.Text("id")).Distinct().Count());
        Assert.All(second, f => Assert.Equal("open", f.Text("status")));
        Assert.Equal(0, secondRun.GetProperty("counts").GetProperty("resolved").GetInt32());
    }

    [Fact]
    public async Task Run_RefundsAcrossSeveralStripePagesOutsideTheWindowToo_ListsEachPageOnceAndOnlyTheWindow()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var org = Seed.NewOrg();
        var window = Reconcile.AroundNow();
        var outsideIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var paid = await Reconcile.PaymentAsync(app, org, account);
            outsideIds.Add(app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId).Id);
        }

        var earlier = await Reconcile.PaymentAsync(app, org, account);
        app.Stripe.CreateDashboardRefund(account, earlier.PaymentIntentId, created: window.From.AddHours(-2));
        var ours = await Reconcile.PaymentAsync(app, org, account);
        await Reconcile.RefundAsync(app, ours);
        var listsBefore = ListRequests(app, account).Count;

        var (run, findings) = await Reconcile.RunAsync(app, window, account);

        var lists = ListRequests(app, account).Skip(listsBefore).ToList();
        Assert.Equal(outsideIds.Order(StringComparer.Ordinal), findings.Select(f => f.Text("stripeRefundId")!).Order(StringComparer.Ordinal));
        Assert.Equal(6, run.GetProperty("counts").GetProperty("stripeRefunds").GetInt32());
        Assert.Equal(3, lists.Count);
        Assert.Equal(3, run.GetProperty("counts").GetProperty("stripeRequests").GetInt32());
        Assert.All(lists, r => Assert.Equal("2", r.Parameters["limit"]));
        Assert.Equal(2, lists.Count(r => r.Parameters.ContainsKey("starting_after")));
        Assert.Equal(lists.Count, lists.Select(r => r.Parameters.GetValueOrDefault("starting_after")).Distinct().Count());
    }

    /// <summary>
    /// Five 429s in a row: the adapter's own retries (six attempts here) get through them within one activity. Durable's
    /// activity retries (five attempts) would each meet one of them and give the account up, so the run would fail.
    /// </summary>
    [Fact]
    public async Task Run_StripeAnswers429FiveTimes_TheAdapterRetriesAndTheRunCompletes()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var paid = await Reconcile.PaymentAsync(app, Seed.NewOrg(), account);
        app.Stripe.CreateDashboardRefund(account, paid.PaymentIntentId);
        var before = ListRequests(app, account).Count;
        app.Stripe.InjectFaults(Fault.RateLimit, Fault.LockTimeout, Fault.RateLimit, Fault.RateLimit, Fault.LockTimeout);

        var (run, findings) = await Reconcile.RunAsync(app, Reconcile.AroundNow(), account);

        var lists = ListRequests(app, account).Skip(before).ToList();
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal("stripe_refund_unrecorded", Assert.Single(findings).Code());
        Assert.Equal([429, 429, 429, 429, 429, 200], lists.Select(r => r.Status));
    }

    private static List<RecordedRequest> ListRequests(TestApp app, string account) =>
        [.. app.Stripe.Requests.Where(r => r.Method == "GET" && r.Path == "/v1/refunds" && r.Account == account)];

    /// <summary>
    /// Stripe pages of two, so a handful of refunds spans several; a refund held pending at Stripe is not polled for an
    /// hour, so a lost webhook leaves it waiting while Stripe has settled it; six attempts per Stripe call.
    /// </summary>
    public sealed class App : SharedApp
    {
        protected override IDictionary<string, string?> Overrides => new Dictionary<string, string?>
        {
            ["Reconciliation:StripePageSize"] = "2",
            ["Stripe:MaxAttempts"] = "6",
            ["Workflow:PollFirstDelay"] = "01:00:00",
            ["Workflow:PollMaxDelay"] = "01:00:00",
        };
    }
}
