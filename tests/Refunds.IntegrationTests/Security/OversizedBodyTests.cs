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
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + TestKeys.Sync(),
            ["Content-Type"] = "application/json",
        };

        await AlwaysBodyTooLargeAsync(() => EarlyAnswerClient.SendChunkedAsync(_app.Http.BaseAddress!, "PUT", path, headers, "{\"amount\": 1, \"pad\": \"", size));
    }

    [Theory]
    [InlineData(600 * 1024)]
    [InlineData(3 * 1024 * 1024)]
    public async Task StripeWebhook_ChunkedBodyOverTheLimit_Always413BodyTooLarge(int size)
    {
        var headers = new Dictionary<string, string>
        {
            ["Stripe-Signature"] = "t=1,v1=00",
            ["Content-Type"] = "application/json",
        };

        await AlwaysBodyTooLargeAsync(() => EarlyAnswerClient.SendChunkedAsync(_app.Http.BaseAddress!, "POST", "/api/webhooks/stripe", headers, "{\"id\": \"evt_big\", \"pad\": \"", size));
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

    /// <summary>
    /// <see cref="Tries"/> answers, each 413 <c>body_too_large</c>. A connection reset before any answer could be read
    /// proves nothing either way and is sent again, a bounded number of times.
    /// </summary>
    private static async Task AlwaysBodyTooLargeAsync(Func<Task<EarlyAnswerClient.Answer?>> send)
    {
        var answers = 0;
        for (var sent = 0; answers < Tries; sent++)
        {
            Assert.True(sent < Tries * 4, $"only {answers} of {sent} oversized requests got an answer before the connection was reset");
            if (await send() is not { } answer)
            {
                continue;
            }

            answers++;
            Assert.True(answer.Status == 413, $"expected 413, got {answer.Status}: {answer.Body}");
            using var problem = System.Text.Json.JsonDocument.Parse(answer.Body);
            Assert.Equal("body_too_large", problem.RootElement.GetProperty("code").GetString());
        }
    }
}
