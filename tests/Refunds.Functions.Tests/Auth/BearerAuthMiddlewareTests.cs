using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Http.Auth;
using Refunds.Functions.Auth;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Auth;

/// <summary>What the middleware makes of attributes no function of the app uses today (roles, none at all).</summary>
[Collection(FunctionsCollection.Name)]
public sealed class BearerAuthMiddlewareTests(FunctionsFixture fixture)
{
    private async Task<(IResult? Refusal, HttpContext Http)> AuthorizeAsync(string method, string? token)
    {
        var scope = fixture.Worker.Services.CreateAsyncScope();
        var http = new TestRequest("GET", "/api/anything", token).ToHttpContext(scope.ServiceProvider);
        var middleware = fixture.Worker.Services.GetRequiredService<BearerAuthMiddleware>();
        return (await middleware.AuthorizeAsync(http, typeof(Declared).GetMethod(method)!), http);
    }

    [Fact]
    public async Task AuthorizeAsync_RoleDeclaredAndTokenLacksIt_Forbidden403Problem()
    {
        var (refusal, http) = await AuthorizeAsync(nameof(Declared.OpsOnly), TestKeys.Admin("org_1"));

        Assert.NotNull(refusal);
        await refusal.ExecuteAsync(http);
        Assert.Equal(403, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
    }

    [Fact]
    public async Task AuthorizeAsync_RoleDeclaredAndTokenHasIt_PassesWithUserSet()
    {
        var (refusal, http) = await AuthorizeAsync(nameof(Declared.OpsOnly), TestKeys.Token(null, [Roles.Ops], subject: "ops-1"));

        Assert.Null(refusal);
        Assert.Equal("ops-1", http.User.Identity?.Name);
    }

    [Fact]
    public async Task AuthorizeAsync_NoAttributes_NeedsAnAuthenticatedCaller()
    {
        var (refusal, http) = await AuthorizeAsync(nameof(Declared.Undeclared), token: null);

        Assert.NotNull(refusal);
        await refusal.ExecuteAsync(http);
        Assert.Equal(401, http.Response.StatusCode);
    }

    /// <summary>Stand-ins for [Function] methods with the attributes under test.</summary>
    private static class Declared
    {
        [Authorize(Roles = Roles.Ops)]
        public static void OpsOnly()
        {
        }

        public static void Undeclared()
        {
        }
    }
}
