using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Refunds.IntegrationTests.Support;
using Refunds.OpsConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Refunds.OpsConsole.Tests;

/// <summary>The console without a mouse, and axe-core's checks (WCAG 2.1 A and AA) on each view.</summary>
public sealed class AccessibilityTests(DevelopmentConsole console) : IClassFixture<DevelopmentConsole>
{
    private static readonly string[] Wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [Fact]
    public async Task Keyboard_CancelFromTheRefundPage_FocusMovesThroughTheDialogAndBack()
    {
        var org = Seed.NewOrg();
        var (_, refundId) = await ConsoleSeed.WaitingForFundsAsync(console.App, org, ConsoleSeed.NewAccount(), available: 0);
        await using var page = await console.OpenAsync();
        await page.SignInWithDevTokenAsync("Admin", org);
        await page.GoToAsync($"#/orgs/{org}/refunds/{refundId}");
        await Expect(page.RuntimeStatus).ToHaveTextAsync("Waiting");

        // Each view starts at its heading; Tab goes on through the page in reading order.
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = $"Refund {refundId}" })).ToBeFocusedAsync();
        var cancel = page.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel refund" });
        await TabToAsync(page.Page, cancel);

        // The dialog opens on its safe choice; Escape closes it, sends nothing and gives the focus back.
        await page.Page.Keyboard.PressAsync("Enter");
        var dialog = page.Page.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this refund?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Back" })).ToBeFocusedAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(cancel).ToBeFocusedAsync();
        await page.RefreshRefundAsync();
        Assert.DoesNotContain(page.Requests, r => r.StartsWith("POST /api/", StringComparison.Ordinal));

        await cancel.FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Back" })).ToBeFocusedAsync();
        await page.Page.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel the refund" })).ToBeFocusedAsync();
        await page.Page.Keyboard.PressAsync("Enter");

        await Expect(page.ActionResult).ToHaveTextAsync("The refund is canceled.");
        await Expect(page.RuntimeStatus).ToHaveTextAsync("Canceled");
        page.AssertNoFaults();
    }

    [Fact]
    public async Task Axe_SignInAttentionListAndRefundPage_NoViolations()
    {
        var org = Seed.NewOrg();
        var (_, refundId) = await ConsoleSeed.WaitingForFundsAsync(console.App, org, ConsoleSeed.NewAccount(), available: 0);
        await using var page = await console.OpenAsync();
        await AssertNoViolationsAsync(page.Page, "sign-in");

        await page.SignInWithDevTokenAsync("Ops");
        await page.ShowAttentionAsync(org);
        await Expect(page.Row(refundId)).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page.Page, "attention list");

        await page.OpenRefundAsync(refundId);
        await Expect(page.Page.Locator("#timeline")).ToContainTextAsync("InsufficientBalance");
        await AssertNoViolationsAsync(page.Page, "refund page");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel refund" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page.Page, "confirmation");
    }

    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 20; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("Tab never reached the target.");
    }

    private static async Task AssertNoViolationsAsync(IPage page, string view)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Wcag] } });
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})");
        Assert.True(result.Violations.Length == 0, $"{view}: {string.Join("; ", violations)}");
    }
}
