using System.Net;
using Microsoft.Playwright;
using Refunds.IntegrationTests.Support;
using Refunds.OpsConsole.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Refunds.OpsConsole.Tests;

/// <summary>
/// Outside Development the console mints nothing, even with a development key configured (the fixture configures
/// one): a pasted token is the only way in.
/// </summary>
public sealed class DevTokenAbsenceTests(ProductionConsole console) : IClassFixture<ProductionConsole>
{
    [Fact]
    public async Task DevToken_NotDevelopment_NoMinterAndNoButton()
    {
        using var get = await console.App.SendAsync(HttpMethod.Get, "/ops/dev-token", token: null);
        using var post = await console.App.SendAsync(HttpMethod.Post, "/ops/dev-token", token: null, OpsConsoleTests.MintBody("Ops"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        await using var page = await console.OpenAsync();
        await Expect(page.Page.GetByLabel("Bearer token")).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a development token" })).ToHaveCountAsync(0);
        page.AssertNoFaults();
    }

    [Fact]
    public async Task SignIn_PastedOpsToken_AttentionListLoads()
    {
        await using var page = await console.OpenAsync();

        await page.SignInWithTokenAsync(TestKeys.Ops());

        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Refunds needing attention" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByText("Page 1:")).ToBeVisibleAsync();
        page.AssertNoFaults();
    }

    [Theory]
    [InlineData("/ops/", "text/html; charset=utf-8")]
    [InlineData("/ops/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/ops/console.css", "text/css; charset=utf-8")]
    [InlineData("/api/console/views/refund.js", "text/javascript; charset=utf-8")]
    public async Task ConsoleFiles_Served_WithTheirTypeAndTheStrictPolicy(string path, string contentType)
    {
        using var response = await console.App.SendAsync(HttpMethod.Get, path, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        var policy = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }
}
