using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Http;

[Collection(FunctionsCollection.Name)]
public sealed class StripeWebhookFunctionTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task Run_BadSignatureWithoutToken_BadRequest400InvalidSignature()
    {
        var signature = $"t={TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()},v1={new string('0', 64)}";

        var response = await Calls.WebhookAsync(fixture, Calls.WebhookRequest("""{"id":"evt_1","object":"event"}""", signature));

        // Reaching the signature check without credentials is the point: the signature is the webhook's authentication.
        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_signature", response.Code);
    }
}
