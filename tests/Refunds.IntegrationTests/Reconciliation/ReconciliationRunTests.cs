using System.Globalization;
using System.Net;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Reconciliation;

/// <summary>Starting and reading runs: the window's rules, roles, paged findings, every active account, the daily run.</summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class ReconciliationRunTests(AzuriteFixture azurite, ReconciliationRunTests.App shared) : IClassFixture<ReconciliationRunTests.App>
{
    [Fact]
    public async Task Start_BadWindowsAndBodiesAndRoles_RefusedWithCodesAndNothingStarted()
    {
        var app = await shared.GetAsync(azurite);
        var now = DateTimeOffset.UtcNow;

        using var tooLong = await Reconcile.PostRunAsync(app, new { from = now.AddDays(-32), to = now });
        var problem = await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
        using var backwards = await Reconcile.PostRunAsync(app, new { from = now, to = now.AddHours(-1) });
        await ProblemAssert.IsProblemAsync(backwards, HttpStatusCode.BadRequest, "validation_failed");
        using var missing = await Reconcile.PostRunAsync(app, new { to = now });
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "validation_failed");
        using var badAccount = await Reconcile.PostRunAsync(app, new { from = now.AddDays(-1), to = now, connectedAccountId = "acct/../x" });
        await ProblemAssert.IsProblemAsync(badAccount, HttpStatusCode.BadRequest, "validation_failed");
        using var unknownField = await Reconcile.PostRunAsync(app, new { from = now.AddDays(-1), to = now, accounts = "all" });
        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "malformed_json");
        using var admin = await Reconcile.PostRunAsync(app, new { from = now.AddDays(-1), to = now }, TestKeys.Admin(Seed.NewOrg()));
        await ProblemAssert.IsProblemAsync(admin, HttpStatusCode.Forbidden, "forbidden");
        using var sync = await Reconcile.PostRunAsync(app, new { from = now.AddDays(-1), to = now }, TestKeys.Sync());
        await ProblemAssert.IsProblemAsync(sync, HttpStatusCode.Forbidden, "forbidden");
        using var get = await app.SendAsync(HttpMethod.Get, "/api/ops/reconciliations/rc_unknown", TestKeys.Ops());
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, "not_found");
        using var getAsAdmin = await app.SendAsync(HttpMethod.Get, "/api/ops/reconciliations/rc_unknown", TestKeys.Admin(Seed.NewOrg()));
        await ProblemAssert.IsProblemAsync(getAsAdmin, HttpStatusCode.Forbidden, "forbidden");

        using var thirtyOneDays = await Reconcile.PostRunAsync(app, new { from = now.AddDays(-31), to = now, connectedAccountId = Reconcile.NewAccount() });
        Assert.Equal(HttpStatusCode.Accepted, thirtyOneDays.StatusCode);
        var runId = (await ProblemAssert.JsonAsync(thirtyOneDays)).Text("id")!;
        var run = await Reconcile.WaitForRunAsync(app, runId);
        Assert.Equal(("Completed", 0), (run.Text("status"), run.GetProperty("counts").GetProperty("stripeRefunds").GetInt32()));
        using var badPage = await app.SendAsync(HttpMethod.Get, $"/api/ops/reconciliations/{runId}?pageSize=0", TestKeys.Ops());
        await ProblemAssert.IsProblemAsync(badPage, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Get_FindingsOverSeveralPages_NextPageLinksWalkEachFindingOnce()
    {
        var app = await shared.GetAsync(azurite);
        var account = Reconcile.NewAccount();
        var org = Seed.NewOrg();
        foreach (var _ in Enumerable.Range(0, 5))
        {
            app.Stripe.CreateDashboardRefund(account, (await Reconcile.PaymentAsync(app, org, account)).PaymentIntentId);
        }

        var runId = await Reconcile.StartRunAsync(app, Reconcile.AroundNow(), account);
        await Reconcile.WaitForRunAsync(app, runId);

        var first = await Reconcile.GetRunAsync(app, runId, "?pageSize=2");
        var walked = await Reconcile.FindingsAsync(app, runId, pageSize: 2);
        Assert.Equal(2, first.GetProperty("findings").GetArrayLength());
        Assert.StartsWith($"/api/ops/reconciliations/{runId}?after=", first.Text("nextPage"), StringComparison.Ordinal);
        Assert.Equal(5, walked.Count);
        Assert.Equal(5, walked.Select(f => f.Text("id")).Distinct().Count());
        Assert.Equal(5, first.GetProperty("counts").GetProperty("openByCode").GetProperty("stripe_refund_unrecorded").GetInt32());
    }

    [Fact]
    public async Task Run_WithoutAccount_CoversEveryAccountWithPaymentsOrRefundsInTheWindow()
    {
        var app = await shared.GetAsync(azurite);
        var (synced, refunded) = (Reconcile.NewAccount(), Reconcile.NewAccount());
        var org = Seed.NewOrg();
        var outside = await Reconcile.PaymentAsync(app, org, synced);
        app.Stripe.CreateDashboardRefund(synced, outside.PaymentIntentId);
        var ours = await Reconcile.PaymentAsync(app, org, refunded);
        await Reconcile.RefundAsync(app, ours);
        app.Stripe.FailSucceededRefund(app.Stripe.RefundsFor(ours.PaymentIntentId).Single().Id);

        var (run, findings) = await Reconcile.RunAsync(app, Reconcile.AroundNow(), account: null);

        Assert.Null(run.Text("connectedAccountId"));
        Assert.True(run.GetProperty("accounts").GetInt32() >= 2);
        Assert.Equal("stripe_refund_unrecorded", Assert.Single(findings, f => f.Text("connectedAccountId") == synced).Code());
        Assert.Equal("stripe_refund_failed_after_completed", Assert.Single(findings, f => f.Text("connectedAccountId") == refunded).Code());
    }

    [Fact]
    public async Task DailyRun_LocalHostTimer_ReconcilesThePreviousDayOnceUnderTheDaysId()
    {
        var app = await shared.GetAsync(azurite);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var runId = "rc_daily_" + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var run = await Reconcile.WaitForRunAsync(app, runId);
        var instance = await app.DurableClient.GetInstanceAsync(runId);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal("Completed", run.Text("status"));
        Assert.Equal(("daily", (string?)null), (run.Text("requestedBy"), run.Text("connectedAccountId")));
        Assert.Equal(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), run.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(run.GetProperty("to").GetDateTimeOffset().AddDays(-1), run.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(instance?.CreatedAt, (await app.DurableClient.GetInstanceAsync(runId))?.CreatedAt);
    }

    /// <summary>The local host checks for the daily run every second, at any time of day.</summary>
    public sealed class App : SharedApp
    {
        protected override IDictionary<string, string?> Overrides => new Dictionary<string, string?>
        {
            ["Hosting:DailyReconciliationCheckInterval"] = "00:00:01",
            ["Reconciliation:DailyRunAfter"] = "00:00:00",
        };
    }
}
