using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>
/// One browser context on the console, used as a person would: labels, roles and button names, never the console's
/// internals. It records what the page must never do: break its Content-Security-Policy, throw, or fetch anything
/// from another origin.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _faults = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private ConsolePage(IBrowserContext context, IPage page, Uri console)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A refused request (403, 409...) is logged as an error by the browser; a policy violation is a fault.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _faults.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _faults.Enqueue($"page error: {error}");
        context.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            _requests.Enqueue($"{request.Method} {url.AbsolutePath}");
            if (url.Scheme is "http" or "https" && url.Authority != console.Authority)
            {
                _faults.Enqueue($"request to another origin: {request.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Every request the page made, as "METHOD /path".</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public ILocator Announcer => Page.Locator("#announcer");

    public ILocator Main => Page.Locator("main");

    /// <summary>The refund page's outcome of the last action.</summary>
    public ILocator ActionResult => Page.Locator("#action-result");

    public static async Task<ConsolePage> OpenAsync(IBrowserContext context, Uri console)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        var consolePage = new ConsolePage(context, page, console);
        await page.GotoAsync(console.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        return consolePage;
    }

    /// <summary>The Development sign-in: a role (and for Admin an organization), then the mint button.</summary>
    public async Task SignInWithDevTokenAsync(string role, string? org = null)
    {
        await Page.GetByLabel("Role").SelectOptionAsync(role);
        if (org is not null)
        {
            await Page.GetByLabel("Organization (for Admin)").FillAsync(org);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a development token" }).ClickAsync();
        await Expect(Page.Locator("#who")).ToContainTextAsync(role);
    }

    public async Task SignInWithTokenAsync(string token)
    {
        await Page.GetByLabel("Bearer token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#who")).ToContainTextAsync("Signed in as");
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>Moves to a console route as a link would (a fragment change: the page, and the token in it, stay).</summary>
    public async Task GoToAsync(string hash)
    {
        await Page.EvaluateAsync("hash => { window.location.hash = hash; }", hash);
    }

    public async Task ShowAttentionAsync(string org, int? pageSize = null)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Needs attention" }).ClickAsync();
        await Page.GetByLabel("Organization", new() { Exact = true }).FillAsync(org);
        if (pageSize is { } size)
        {
            await Page.GetByLabel("Per page").FillAsync(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
    }

    public ILocator Row(string refundId) => Page.Locator($"tbody tr[data-refund-id=\"{refundId}\"]");

    public async Task OpenRefundAsync(string refundId)
    {
        await Row(refundId).GetByRole(AriaRole.Link, new() { Name = refundId }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Refund {refundId}" })).ToBeVisibleAsync();
    }

    /// <summary>Clicks an action, then the confirmation dialog's confirm button.</summary>
    public async Task ActAsync(string action, string confirm)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    public ILocator RuntimeStatus => Page.Locator("#runtime-status");

    /// <summary>Clicks the refund page's Refresh and waits for its answer: whatever the page sent before has been sent.</summary>
    public async Task RefreshRefundAsync()
    {
        await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Refresh", Exact = true }).ClickAsync(),
            response => response.Request.Method == "GET" && response.Url.Contains("/refunds/", StringComparison.Ordinal));
    }

    /// <summary>Fails the test on anything the page must never do (see the class summary).</summary>
    public void AssertNoFaults() => Assert.Empty(_faults);

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
