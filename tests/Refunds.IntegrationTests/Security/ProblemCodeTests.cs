using System.Net;
using Refunds.Application.Ports;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Security;

/// <summary>Every problem response carries a stable <c>code</c>, including the ones the framework produces.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProblemCodeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    public async Task ProtectedEndpoint_NoOrInvalidToken_401Unauthorized(string? token)
    {
        using var response = await _app.SendAsync(HttpMethod.Get, $"/api/organizations/{Seed.NewOrg()}/refunds/rf_1", token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/nowhere")]
    public async Task UnmatchedRoute_Any_404NotFound(string path)
    {
        using var response = await _app.SendAsync(HttpMethod.Get, path, TestKeys.Ops());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task StripeWebhook_Get_405MethodNotAllowed()
    {
        using var response = await _app.SendAsync(HttpMethod.Get, "/api/webhooks/stripe", token: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task AnyEndpoint_HeadersTooLarge_431HeadersTooLarge()
    {
        using var request = _app.Request(HttpMethod.Get, "/api/health", token: null);
        request.Headers.Add("X-Padding", new string('a', 20_000));

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
    }

    [Fact]
    public async Task AnyEndpoint_UnexpectedException_500InternalErrorWithoutDetails()
    {
        const string secret = "internal_detail_4b1d";
        await using var app = await TestApp.StartAsync(azurite, configure: builder =>
            builder.Services.AddSingleton<IStripeWebhookVerifier>(new ThrowingVerifier(secret)));

        using var response = await app.PostWebhookAsync("{}", "t=1,v1=00");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        var text = problem.GetRawText();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    /// <summary>Stands in for a bug anywhere behind an endpoint.</summary>
    private sealed class ThrowingVerifier(string message) : IStripeWebhookVerifier
    {
        public WebhookVerification Verify(string body, string? signatureHeader) => throw new InvalidOperationException(message);
    }
}
