using System.Net;
using Microsoft.Extensions.Logging;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn.Webhooks;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

/// <summary>
/// Requests that are the sender's fault are logged below Error (they need no one woken up) and never with the
/// sender's body: a body is attacker-controlled text and may hold anything.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientErrorLoggingTests(AzuriteFixture azurite)
{
    private const string Marker = "attacker_marker_7f3a";

    [Fact]
    public async Task ClientErrors_BadBodiesAndSignatures_NoErrorLogAndNoBodyEcho()
    {
        var capture = new TelemetryCapture();
        await using var app = await TestApp.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            },
            capture.Register);
        var org = Seed.NewOrg();

        // Truncated JSON: a JSON parser's error names the property it was reading.
        var truncated = "{\"" + Marker + "\": ";
        using (var signed = await app.PostWebhookAsync(truncated, WebhookSignature.Header(TestApp.WebhookSecret, truncated, DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, signed.StatusCode);
        }

        var notObject = "[\"" + Marker + "\"]";
        using (var signed = await app.PostWebhookAsync(notObject, WebhookSignature.Header(TestApp.WebhookSecret, notObject, DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, signed.StatusCode);
        }

        using (var forged = await app.PostWebhookAsync(truncated, WebhookSignature.Header("whsec_" + Marker, truncated, DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var request = app.Request(HttpMethod.Put, $"/api/organizations/{org}/invoices/inv_1", TestKeys.Sync()))
        {
            request.Content = new StringContent(truncated, System.Text.Encoding.UTF8, "application/json");
            using var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        foreach (var (path, size) in new[] { ($"/api/organizations/{org}/payments/pay_1", 3 * 1024 * 1024), ("/api/webhooks/stripe", 3 * 1024 * 1024) })
        {
            var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestKeys.Sync(), ["Content-Type"] = "application/json" };
            var method = path.Contains("webhooks", StringComparison.Ordinal) ? "POST" : "PUT";
            var answer = await EarlyAnswerClient.SendChunkedAsync(app.Http.BaseAddress!, method, path, headers, "{\"" + Marker + "\": \"", size);

            // A reset before the answer could be read still sent the body: what the logs say is what this test is about.
            Assert.True(answer is null or { Status: 413 }, $"expected 413, got {answer?.Status}: {answer?.Body}");
        }

        // Kestrel may finish with a connection after the response went out; give its logs a moment.
        await Task.Delay(500);
        var errors = capture.Logs.Where(l => l.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, "error logs for client errors:\n" + string.Join('\n', errors.Select(e => e.Text)));
        Assert.DoesNotContain(Marker, capture.AllText(), StringComparison.Ordinal);
    }
}
