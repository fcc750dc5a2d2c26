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

    [Fact]
    public async Task OpenApi_OpsEndpoints_ListsReadsAndDurableManagementWithTheirParametersAndKeys()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.SendAsync(HttpMethod.Get, "/api/openapi/v1.json", token: null);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var list = paths.GetProperty("/api/organizations/{orgId}/refunds").GetProperty("get");
        var attention = paths.GetProperty("/api/refunds").GetProperty("get");
        Assert.Subset(Parameters(list), new HashSet<string> { "orgId", "paymentId", "status", "createdFrom", "createdTo", "pageSize", "continuationToken" });
        Assert.Subset(Parameters(attention), new HashSet<string> { "attention", "orgId", "olderThan", "pageSize", "continuationToken" });
        Assert.True(list.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        foreach (var read in new[] { "/api/organizations/{orgId}/payments/{paymentId}", "/api/organizations/{orgId}/invoices/{invoiceId}", "/api/organizations/{orgId}/credit-memos/{creditMemoId}", "/api/organizations/{orgId}/settings" })
        {
            Assert.True(paths.GetProperty(read).TryGetProperty("get", out _), read);
        }

        var instances = paths.GetProperty("/runtime/webhooks/durabletask/instances");
        var instance = paths.GetProperty("/runtime/webhooks/durabletask/instances/{instanceId}");
        Assert.True(instances.TryGetProperty("delete", out _) && instance.TryGetProperty("get", out _) && instance.TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/runtime/webhooks/durabletask/instances/{instanceId}/terminate").TryGetProperty("post", out _));
        var security = instances.GetProperty("get").GetProperty("security")[0];
        Assert.True(security.TryGetProperty("DurableManagementKey", out _));
        Assert.False(security.TryGetProperty("Bearer", out _));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("DurableManagementKey");
        Assert.Equal(("apiKey", "query", "code"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
    }

    private static HashSet<string> Parameters(JsonElement operation) =>
        operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToHashSet();
}
