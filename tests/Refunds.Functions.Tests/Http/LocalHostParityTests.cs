using System.Text.Json.Nodes;
using Refunds.Http.Auth;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Http;

/// <summary>
/// The same request to the local host (Refunds.Api on Kestrel) and to the function: the refusals that the worker
/// middleware reproduces (401, 403 from auth and from a Sync token of another organization, 400 from the webhook, 431)
/// must match in status, headers and body.
/// </summary>
[Collection(FunctionsCollection.Name)]
public sealed class LocalHostParityTests(FunctionsFixture fixture)
{
    [Theory]
    [InlineData("no-token", 401)]
    [InlineData("other-key", 401)]
    [InlineData("sync-role", 403)]
    [InlineData("sync-other-org", 403)]
    [InlineData("bad-signature", 400)]
    [InlineData("huge-headers", 431)]
    public async Task Functions_Refusal_AnswersAsTheLocalHost(string refusal, int status)
    {
        const string org = "org_parity";
        TestRequest request;
        Func<TestRequest, Task<TestResponse>> call;
        switch (refusal)
        {
            case "bad-signature":
                request = Calls.WebhookRequest("""{"id":"evt_parity"}""", "t=1,v1=" + new string('0', 64));
                call = r => Calls.WebhookAsync(fixture, r);
                break;
            case "sync-other-org":
                // A Sync token limited to another organization: refused before the body is read.
                request = new TestRequest("PUT", $"/api/organizations/{org}/payments/pay_parity", TestKeys.Token("org_elsewhere", [Roles.Sync]), "{}");
                call = r => Calls.PutPaymentAsync(fixture, r, org, "pay_parity");
                break;
            case "huge-headers":
                request = new TestRequest("GET", $"/api/organizations/{org}/refunds/ref_parity", TestKeys.Admin(org))
                {
                    Headers = { ["X-Padding"] = new string('a', 17 * 1024) },
                };
                call = r => Calls.GetRefundAsync(fixture, r, org, "ref_parity");
                break;
            default:
                var token = refusal switch
                {
                    "no-token" => null,
                    "other-key" => TestKeys.Token(org, [Roles.Admin], signWithOtherKey: true),
                    "sync-role" => TestKeys.Sync(),
                    _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
                };
                request = Calls.StartRefundRequest(org, "pay_parity", token);
                call = r => Calls.StartRefundAsync(fixture, r, org, "pay_parity");
                break;
        }

        using var localHost = await fixture.LocalHostAsync();
        using var message = request.ToMessage();
        using var localAnswer = await localHost.SendAsync(message);
        var local = await TestResponse.FromAsync(localAnswer);
        var function = await call(request);

        Assert.Equal(status, local.Status);
        Assert.Equal(status, function.Status);
        foreach (var header in new[] { "Content-Type", "WWW-Authenticate", "Retry-After" })
        {
            Assert.Equal(local.Header(header), function.Header(header));
        }

        // A 431's detail counts the header bytes, which include the transport's own headers (Host, Content-Length).
        var ignored = refusal == "huge-headers" ? new[] { "traceId", "detail" } : ["traceId"];
        Assert.True(
            JsonNode.DeepEquals(Without(local.Body, ignored), Without(function.Body, ignored)),
            $"local: {local.Body}\nfunction: {function.Body}");
    }

    /// <summary>The trace id differs per request by design.</summary>
    private static JsonNode? Without(string body, string[] properties)
    {
        var json = JsonNode.Parse(body);
        foreach (var property in properties)
        {
            json?.AsObject().Remove(property);
        }

        return json;
    }
}
