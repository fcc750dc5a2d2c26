using System.Net;
using System.Text.Json;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

[Collection(AzuriteCollection.Name)]
public sealed class OpenApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OpenApi_NoToken_DocumentListsTheApiWithBearerSchemeAndProblems()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.SendAsync(HttpMethod.Get, "/api/openapi/v1.json", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths");
        var startRefund = paths.GetProperty("/api/organizations/{orgId}/payments/{paymentId}/refunds").GetProperty("post");
        Assert.True(paths.GetProperty("/api/organizations/{orgId}/refunds/{refundId}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/organizations/{orgId}/payments/{paymentId}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/organizations/{orgId}/invoices/{invoiceId}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/organizations/{orgId}/credit-memos/{creditMemoId}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/organizations/{orgId}/settings").TryGetProperty("put", out _));
        Assert.Contains("linkedTo", document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("RefundStatusResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.True(paths.GetProperty("/api/organizations/{orgId}/refunds/{refundId}/intacct/retry").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/ops/reconciliations").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/ops/reconciliations/{runId}").TryGetProperty("get", out _));
        var record = paths.GetProperty("/api/ops/reconciliations/{runId}/findings/{findingId}/record").GetProperty("post");
        Assert.True(record.GetProperty("responses").GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.Contains("findings", document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ReconciliationResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(paths.EnumerateObject(), path => path.Name is "/RefundStep" or "/IntacctReversal" or "/Sweeper" or "/StripeEvent");

        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(startRefund.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        var conflict = startRefund.GetProperty("responses").GetProperty("409");
        Assert.True(conflict.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }
}
