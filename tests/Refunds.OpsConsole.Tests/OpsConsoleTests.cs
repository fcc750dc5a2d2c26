using Microsoft.Playwright;
using Refunds.IntegrationTests.Support;
using Refunds.OpsConsole.Tests.Support;
using Refunds.StripeStandIn.Webhooks;
using Refunds.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Refunds.OpsConsole.Tests;

/// <summary>
/// The console in Chromium against the real app in Development: what ops see and do, through the page alone. Each
/// test has its own organization and Stripe account; the app and the browser are the class's.
/// </summary>
public sealed class OpsConsoleTests(DevelopmentConsole console) : IClassFixture<DevelopmentConsole>
{
    private TestApp App => console.App;

    [Fact]
    public async Task AttentionList_RefundWaitingForFunds_ListedWithShortfallAndPageShowsRemedies()
    {
        var org = Seed.NewOrg();
        var (_, refundId) = await ConsoleSeed.WaitingForFundsAsync(App, org, ConsoleSeed.NewAccount(), available: 1_000);
        await using var page = await console.OpenAsync();

        await page.SignInWithDevTokenAsync("Ops");
        await page.ShowAttentionAsync(org);

        var row = page.Row(refundId);
        await Expect(row).ToContainTextAsync("Waiting for funds");
        await Expect(row).ToContainTextAsync("140.00 USD short");
        await Expect(row).ToContainTextAsync("150.00 USD");
        await page.OpenRefundAsync(refundId);
        await Expect(page.RuntimeStatus).ToHaveTextAsync("Waiting");
        await Expect(page.Page.Locator("#shortfall")).ToHaveTextAsync("140.00 USD");
        await Expect(page.Page.Locator("#funds")).ToContainTextAsync("Top up the connected account's Stripe balance by at least 140.00 USD, then Retry.");
        await Expect(page.Page.Locator("#timeline")).ToContainTextAsync("InsufficientBalance");
        await Expect(page.Page.Locator("#orchestration")).ToContainTextAsync(refundId);
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel refund" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Retry Intacct reversal" })).ToBeHiddenAsync();
        await Expect(page.Main).Not.ToContainTextAsync("null");
        await Expect(page.Main).Not.ToContainTextAsync("undefined");
        await Screenshot.SaveAsync(page.Page);
        page.AssertNoFaults();
    }

    [Fact]
    public async Task RefundPage_TopUpThenRetry_ShowsCompleted()
    {
        var org = Seed.NewOrg();
        var account = ConsoleSeed.NewAccount();
        var (_, refundId) = await ConsoleSeed.WaitingForFundsAsync(App, org, account, available: 0);
        await using var page = await console.OpenAsync();
        await page.SignInWithDevTokenAsync("Admin", org);
        await page.GoToAsync($"#/orgs/{org}/refunds/{refundId}");
        await Expect(page.RuntimeStatus).ToHaveTextAsync("Waiting");

        // Stripe's balance.available event is held back, as if late: only the Retry can move the refund now.
        await App.ConfigureWebhooksAsync(new WebhookOptions { Hold = true });
        try
        {
            await ConsoleSeed.TopUpAsync(App, account, 20_000);
            await page.ActAsync("Retry", "Retry now");

            await Expect(page.ActionResult).ToContainTextAsync("Retry accepted");
            await Expect(page.RuntimeStatus).ToHaveTextAsync("Completed");
            await Expect(page.Announcer).ToHaveTextAsync($"Refund {refundId} is now Completed.");
            await Expect(page.Page.Locator("#timeline")).ToContainTextAsync("RetryRequested");
            await Expect(page.Page.Locator("#stripe")).ToContainTextAsync("succeeded");
            await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToBeHiddenAsync();
        }
        finally
        {
            await App.ConfigureWebhooksAsync(new WebhookOptions());
        }

        page.AssertNoFaults();
    }

    [Fact]
    public async Task RefundPage_CancelConfirmed_ShowsCanceledAndBackOutChangesNothing()
    {
        var org = Seed.NewOrg();
        var (_, refundId) = await ConsoleSeed.WaitingForFundsAsync(App, org, ConsoleSeed.NewAccount(), available: 0);
        await using var page = await console.OpenAsync();
        await page.SignInWithDevTokenAsync("Admin", org);

        // An Admin lands on the organization's refunds and opens the refund from there.
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = $"Refunds of {org}" })).ToBeVisibleAsync();
        await page.OpenRefundAsync(refundId);

        // Backing out of the confirmation sends nothing.
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel refund" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await page.RefreshRefundAsync();
        Assert.DoesNotContain(page.Requests, r => r.StartsWith("POST /api/", StringComparison.Ordinal));
        Assert.Equal("Waiting", (await App.GetRefundAsync(org, refundId)).GetProperty("runtimeStatus").GetString());

        await page.ActAsync("Cancel refund", "Cancel the refund");

        await Expect(page.ActionResult).ToHaveTextAsync("The refund is canceled.");
        await Expect(page.RuntimeStatus).ToHaveTextAsync("Canceled");
        await Expect(page.Page.Locator("#timeline")).ToContainTextAsync("Canceled");
        await Expect(page.Page.GetByText("No action applies to this refund now.")).ToBeVisibleAsync();
        page.AssertNoFaults();
    }

    [Fact]
    public async Task RefundPage_IntacctReversalFailed_AdminSeesRefusalAndOpsRetrySucceeds()
    {
        var org = Seed.NewOrg();
        var arKey = ConsoleSeed.NewArPaymentKey();
        var paid = await Seed.PaidOnlinePaymentAsync(App, org, intacctKey: arKey, account: ConsoleSeed.NewAccount());
        App.Intacct.CloseBooksThrough(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddYears(1)));
        string refundId;
        try
        {
            refundId = await ConsoleSeed.StartRefundAsync(App, paid);
            await ConsoleSeed.WaitForIntacctAsync(App, org, refundId, "Failed");
        }
        finally
        {
            App.Intacct.CloseBooksThrough(new DateOnly(2000, 1, 1));
        }

        await using var page = await console.OpenAsync();
        await page.SignInWithDevTokenAsync("Admin", org);
        await page.GoToAsync($"#/orgs/{org}/refunds/{refundId}");
        await Expect(page.Page.Locator("#intacct-status")).ToHaveTextAsync("Failed");

        // Intacct retries are for Ops: the Admin sees the API's reason, and nothing runs.
        await page.ActAsync("Retry Intacct reversal", "Retry the reversal");
        await Expect(page.ActionResult).ToContainTextAsync("Refused. Forbidden (forbidden):");
        await Expect(page.ActionResult).ToContainTextAsync("Ops");
        Assert.Equal(0, App.Intacct.GetArPayment(arKey)!.ReversalCount);

        await page.SignOutAsync();
        await page.SignInWithDevTokenAsync("Ops");
        await page.GoToAsync($"#/orgs/{org}/refunds/{refundId}");
        await page.ActAsync("Retry Intacct reversal", "Retry the reversal");

        await Expect(page.ActionResult).ToContainTextAsync("Intacct retry accepted");
        await Expect(page.Page.Locator("#intacct-status")).ToHaveTextAsync("Succeeded");
        await Expect(page.RuntimeStatus).ToHaveTextAsync("Completed");
        Assert.Equal(1, App.Intacct.GetArPayment(arKey)!.ReversalCount);
        page.AssertNoFaults();
    }

    [Fact]
    public async Task Refusals_SyncTokenAndOtherOrganizationsAdmin_SeeTheApiDetail()
    {
        var org = Seed.NewOrg();
        var (_, refundId) = await ConsoleSeed.WaitingForFundsAsync(App, org, ConsoleSeed.NewAccount(), available: 0);
        await using var page = await console.OpenAsync();

        await page.SignInWithTokenAsync(TestKeys.Sync());
        await Expect(page.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("Forbidden");
        await Expect(page.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ops");

        await page.SignOutAsync();
        await page.SignInWithTokenAsync(TestKeys.Admin(Seed.NewOrg()));
        await page.GoToAsync($"#/orgs/{org}/refunds/{refundId}");
        await Expect(page.Main.GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Forbidden (forbidden): Reading a refund needs the Admin role of this organization or the Ops role.");
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel refund" })).ToBeHiddenAsync();
        Assert.Equal("Waiting", (await App.GetRefundAsync(org, refundId)).GetProperty("runtimeStatus").GetString());
        page.AssertNoFaults();
    }

    [Fact]
    public async Task SignIn_NotAToken_SaysSoAndStaysSignedOut()
    {
        await using var page = await console.OpenAsync();

        await page.Page.GetByLabel("Bearer token").FillAsync("not-a-token");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("That is not a bearer token");
        await Expect(page.Page.Locator("#identity")).ToBeHiddenAsync();
        page.AssertNoFaults();
    }

    [Fact]
    public async Task AttentionList_ThreeWaitingTwoPerPage_PagesForwardAndBack()
    {
        var org = Seed.NewOrg();
        var account = ConsoleSeed.NewAccount();
        var waiting = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ConsoleSeed.WaitingForFundsAsync(App, org, account, available: 0)));
        var all = waiting.Select(w => w.RefundId).ToHashSet();
        await using var page = await console.OpenAsync();
        await page.SignInWithDevTokenAsync("Ops");

        await page.ShowAttentionAsync(org, pageSize: 2);

        var rows = page.Page.Locator("tbody tr[data-refund-id]");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Page.GetByText("Page 1: 2 refunds; more on the next page.")).ToBeVisibleAsync();
        var first = await RefundIdsAsync(rows);
        var previous = page.Page.GetByRole(AriaRole.Button, new() { Name = "Previous page" });
        var next = page.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" });
        await Expect(previous).ToBeDisabledAsync();

        await next.ClickAsync();
        await Expect(page.Page.GetByText("Page 2: 1 refund.")).ToBeVisibleAsync();
        var second = await RefundIdsAsync(rows);
        await Expect(next).ToBeDisabledAsync();

        await previous.ClickAsync();
        await Expect(page.Page.GetByText("Page 1: 2 refunds; more on the next page.")).ToBeVisibleAsync();
        Assert.Equal(first, await RefundIdsAsync(rows));
        Assert.Equal(all, first.Concat(second).ToHashSet());
        Assert.Equal(3, first.Count + second.Count);
        page.AssertNoFaults();
    }

    [Fact]
    public async Task DevToken_Minted_TrustedByTheApiAndRefusedWithoutItsOrganization()
    {
        using var minted = await App.SendAsync(HttpMethod.Post, "/ops/dev-token", token: null, MintBody("Admin", "org_dev"));
        using var noOrg = await App.SendAsync(HttpMethod.Post, "/ops/dev-token", token: null, MintBody("Admin"));
        using var unknownRole = await App.SendAsync(HttpMethod.Post, "/ops/dev-token", token: null, MintBody("Root"));

        minted.EnsureSuccessStatusCode();
        var token = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(minted.Content)).GetProperty("token").GetString();
        using var read = await App.SendAsync(HttpMethod.Get, "/api/organizations/org_dev/refunds/rf_none", token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noOrg.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknownRole.StatusCode);
    }

    internal static object MintBody(string role, string? org = null) => new { roles = new[] { role }, orgId = org };

    private static async Task<List<string>> RefundIdsAsync(ILocator rows) =>
        [.. (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.refundId)"))];
}
