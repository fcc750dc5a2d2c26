using Refunds.Application.Workflow;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Reconciliation;

/// <summary>A run whose account activity dies after a Stripe page and whose app restarts mid-run still ends with the findings a clean run gives.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReconciliationCrashTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_ActivityDiesAfterAPageAndAppRestarts_ResumesAndEndsWithTheFindingsOfACleanRun()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>(TestApp.ShortVisibility)
        {
            ["Reconciliation:StripePageSize"] = "2",
            ["Testing:CrashPoints:Armed:0"] = CrashPoints.AfterReconciliationPage,
        });
        var account = Reconcile.NewAccount();
        var org = Seed.NewOrg();
        var window = Reconcile.AroundNow();
        for (var i = 0; i < 5; i++)
        {
            app.Stripe.CreateDashboardRefund(account, (await Reconcile.PaymentAsync(app, org, account)).PaymentIntentId);
        }

        var runId = await Reconcile.StartRunAsync(app, window, account);
        await Poll.UntilAsync(
            () => app.Stripe.Requests.Count(r => r.Path == "/v1/refunds" && r.Account == account) >= 2,
            TimeSpan.FromSeconds(20),
            "the run to list past its first page");
        await app.RestartAppAsync();
        var crashed = await Reconcile.WaitForRunAsync(app, runId);
        var crashedFindings = await Reconcile.FindingsAsync(app, runId);
        var (clean, cleanFindings) = await Reconcile.RunAsync(app, window, account);

        Assert.Equal("Completed", crashed.Text("status"));
        Assert.Equal(5, crashedFindings.Count);
        Assert.Equal(cleanFindings.Select(f => f.Text("id")).Order(StringComparer.Ordinal), crashedFindings.Select(f => f.Text("id")).Order(StringComparer.Ordinal));
        Assert.Equal(crashed.GetProperty("counts").GetProperty("open").GetInt32(), clean.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.True(app.Stripe.Requests.Count(r => r.Path == "/v1/refunds" && r.Account == account) >= 3 + 3 + 1, "the crashed activity listed its first page again");
    }
}
