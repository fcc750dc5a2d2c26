using System.Net;
using System.Net.Http.Headers;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Security;

/// <summary>
/// Bodies past the limits, sent chunked so only reading them can tell: always 413 <c>body_too_large</c>, on every
/// try (the failure this guards against was intermittent), for the Sync PUTs and the anonymous Stripe webhook.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OversizedBodyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Tries = 5;

    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, int> Targets() => new()
    {
        { "payments/pay_big", 200 * 1024 },
        { "payments/pay_big", 3 * 1024 * 1024 },
        { "invoices/inv_big", 3 * 1024 * 1024 },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task SyncPut_ChunkedBodyOverTheLimit_Always413BodyTooLarge(string resource, int size)
    {
        var path = $"/api/organizations/{Seed.NewOrg()}/{resource}";
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            using var request = _app.Request(HttpMethod.Put, path, TestKeys.Sync());
            request.Content = new EndlessChunkedContent(size);

            using var response = await _app.Http.SendAsync(request);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        }
    }

    [Theory]
    [InlineData(600 * 1024)]
    [InlineData(3 * 1024 * 1024)]
    public async Task StripeWebhook_ChunkedBodyOverTheLimit_Always413BodyTooLarge(int size)
    {
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe")
            {
                Content = new EndlessChunkedContent("{\"id\": \"evt_big\", \"pad\": \"", size),
            };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", "t=1,v1=00");

            using var response = await _app.Http.SendAsync(request);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        }
    }

    [Fact]
    public async Task SyncPut_ContentLengthOverKestrelsLimit_413BodyTooLarge()
    {
        using var request = _app.Request(HttpMethod.Put, $"/api/organizations/{Seed.NewOrg()}/invoices/inv_big", TestKeys.Sync());
        request.Content = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _app.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }
}
