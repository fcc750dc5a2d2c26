using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Listing;

/// <summary><c>GET /api/organizations/{orgId}/refunds</c> on one shared, seeded app: filters, paging, tokens, roles.</summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class OrganizationRefundListTests(AzuriteFixture azurite, OrganizationListFixture shared) : IClassFixture<OrganizationListFixture>
{
    private static readonly string[] ItemFields =
        ["refundId", "organizationId", "paymentId", "amount", "currency", "status", "step", "waiting", "intacctStatus", "linkedTo", "createdAt", "updatedAt", "url", "attention"];

    [Fact]
    public async Task List_NoFilters_AllOfTheOrganizationsRefundsNewestFirstInTheAgreedShape()
    {
        var data = await StartAsync();

        var body = await ListAsync(data, "", TestKeys.Admin(data.Org));

        Assert.Equal(data.Refunds.Select(r => r.RefundId).Reverse(), Ids(body));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("continuationToken").ValueKind);
        var waiting = body.GetProperty("items")[0];
        Assert.Equal(ItemFields.Order(), waiting.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("Waiting", "CreateStripeRefund", 15_000, "USD"), (waiting.GetProperty("status").GetString(), waiting.GetProperty("step").GetString(), waiting.GetProperty("amount").GetInt64(), waiting.GetProperty("currency").GetString()));
        Assert.Equal("insufficient_funds", waiting.GetProperty("waiting").GetProperty("reason").GetString());
        Assert.Equal(14_000, waiting.GetProperty("waiting").GetProperty("shortfall").GetProperty("amount").GetInt64());
        Assert.Equal(["waiting_for_funds"], waiting.GetProperty("attention").EnumerateArray().Select(a => a.GetString()));
        var (paid, refundId) = data.Refunds[0];
        var completed = body.GetProperty("items")[4];
        Assert.Equal($"/api/organizations/{data.Org}/refunds/{refundId}", completed.GetProperty("url").GetString());
        Assert.Equal((data.Org, paid.PaymentId, "Completed", "NotApplicable"), (completed.GetProperty("organizationId").GetString(), completed.GetProperty("paymentId").GetString(), completed.GetProperty("status").GetString(), completed.GetProperty("intacctStatus").GetString()));
        Assert.Equal(JsonValueKind.Null, completed.GetProperty("waiting").ValueKind);
        Assert.Equal(("payment", paid.PaymentId), (completed.GetProperty("linkedTo").GetProperty("type").GetString(), completed.GetProperty("linkedTo").GetProperty("id").GetString()));
        Assert.Empty(completed.GetProperty("attention").EnumerateArray());
    }

    [Fact]
    public async Task List_Filters_PaymentStatusAndCreationTime()
    {
        var data = await StartAsync();
        var ops = TestKeys.Ops();
        var all = await ListAsync(data, "", ops);
        var middle = all.GetProperty("items")[2].GetProperty("createdAt").GetString()!;
        var newestFirst = data.Refunds.Select(r => r.RefundId).Reverse().ToList();

        Assert.Equal([data.Refunds[1].RefundId], Ids(await ListAsync(data, "?paymentId=" + data.Refunds[1].Paid.PaymentId, ops)));
        Assert.Equal([data.Refunds[4].RefundId], Ids(await ListAsync(data, "?status=Waiting", ops)));
        Assert.Equal(newestFirst.Skip(1), Ids(await ListAsync(data, "?status=Completed", ops)));
        Assert.Equal(newestFirst, Ids(await ListAsync(data, "?status=Completed&status=Waiting", ops)));
        Assert.Empty(Ids(await ListAsync(data, "?status=Failed,Canceled", ops)));
        Assert.Equal(newestFirst.Take(3), Ids(await ListAsync(data, "?createdFrom=" + Uri.EscapeDataString(middle), ops)));
        Assert.Equal(newestFirst.Skip(3), Ids(await ListAsync(data, "?createdTo=" + Uri.EscapeDataString(middle), ops)));
        Assert.Equal(newestFirst.Skip(2).Take(1), Ids(await ListAsync(data, $"?createdFrom={Uri.EscapeDataString(middle)}&createdTo={Uri.EscapeDataString(all.GetProperty("items")[1].GetProperty("createdAt").GetString()!)}", ops)));
        Assert.Empty(Ids(await ListAsync(data, "?createdFrom=2000-01-01&createdTo=2000-01-02", ops)));
    }

    [Fact]
    public async Task List_PagesOfTwo_EveryRefundOnceInOrderAndTheLastPageHasNoToken()
    {
        var data = await StartAsync();
        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var body = await ListAsync(data, "?status=Completed&status=Waiting&pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), TestKeys.Admin(data.Org));
            seen.AddRange(Ids(body));
            token = body.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(data.Refunds.Select(r => r.RefundId).Reverse(), seen);
    }

    [Fact]
    public async Task List_ForgedOrForeignContinuationToken_400ValidationFailed()
    {
        var data = await StartAsync();
        var ops = TestKeys.Ops();
        var token = (await ListAsync(data, "?pageSize=1", ops)).GetProperty("continuationToken").GetString()!;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var flipped = token[..(dot - 1)] + (token[dot - 1] == 'A' ? 'B' : 'A') + token[dot..];
        var otherCursor = (await ListAsync(data, "?pageSize=1", ops, org: data.OtherOrg)).GetProperty("continuationToken");

        foreach (var (org, query) in new[]
        {
            (data.Org, "?pageSize=1&continuationToken=" + Uri.EscapeDataString(flipped)),
            (data.Org, "?pageSize=1&continuationToken=not-a-token"),
            (data.Org, "?pageSize=1&continuationToken=ab.ab"),
            (data.Org, "?pageSize=1&continuationToken=" + Uri.EscapeDataString(token[..dot] + "." + token[..dot])),
            (data.OtherOrg, "?pageSize=1&continuationToken=" + Uri.EscapeDataString(token)),
            (data.Org, "?pageSize=1&status=Completed&continuationToken=" + Uri.EscapeDataString(token)),
        })
        {
            using var response = await data.App.SendAsync(HttpMethod.Get, $"/api/organizations/{org}/refunds{query}", ops);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("continuationToken", out _), query);
        }

        // The other organization has one refund, so its first page of one is also its last.
        Assert.Equal(JsonValueKind.Null, otherCursor.ValueKind);
        using var good = await data.App.SendAsync(HttpMethod.Get, $"/api/organizations/{data.Org}/refunds?pageSize=1&continuationToken={Uri.EscapeDataString(token)}", ops);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task List_Roles_AdminOfTheOrgAndOpsOnly()
    {
        var data = await StartAsync();
        var path = $"/api/organizations/{data.Org}/refunds";

        using var otherAdmin = await data.App.SendAsync(HttpMethod.Get, path, TestKeys.Admin(data.OtherOrg));
        using var sync = await data.App.SendAsync(HttpMethod.Get, path, TestKeys.Sync());
        using var anonymous = await data.App.SendAsync(HttpMethod.Get, path, token: null);
        var other = await ListAsync(data, "", TestKeys.Admin(data.OtherOrg), org: data.OtherOrg);

        await ProblemAssert.IsProblemAsync(otherAdmin, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(sync, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal([data.OtherRefundId], Ids(other));
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?status=Done", "status")]
    [InlineData("?status=completed", "status")]
    [InlineData("?createdFrom=yesterday", "createdFrom")]
    [InlineData("?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdTo")]
    [InlineData("?paymentId=pay%27or%271", "paymentId")]
    [InlineData("?pageSize=2&pageSize=3", "pageSize")]
    public async Task List_BadFilter_400ValidationFailedNamingIt(string query, string field)
    {
        var data = await StartAsync();

        using var response = await data.App.SendAsync(HttpMethod.Get, $"/api/organizations/{data.Org}/refunds{query}", TestKeys.Ops());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task List_RecordFromBeforeTheIndex_BackfilledByTheReconcilerAndListed()
    {
        var data = await StartAsync();
        var table = new TableClient(azurite.ConnectionString, data.App.TableName);
        var (_, refundId) = data.Refunds[2];
        var summary = Assert.Single(table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {data.Org} and Kind eq {"RefundSummary"} and RefundId eq {refundId}")));

        // As a record stored before the index existed: no summary row, and the backfill not done.
        await table.DeleteEntityAsync(summary.PartitionKey, summary.RowKey);
        await table.DeleteEntityAsync("ledger-meta|index", "backfill-v1");
        Assert.DoesNotContain(refundId, Ids(await ListAsync(data, "", TestKeys.Ops())));

        await Poll.UntilAsync(async () => Ids(await ListAsync(data, "", TestKeys.Ops())).Contains(refundId), TimeSpan.FromSeconds(20), "the reconciler to backfill the summary row");
        Assert.Equal(data.Refunds.Select(r => r.RefundId).Reverse(), Ids(await ListAsync(data, "", TestKeys.Ops())));
    }

    private async Task<OrganizationListFixture> StartAsync()
    {
        await shared.StartAsync(azurite);
        return shared;
    }

    private static async Task<JsonElement> ListAsync(OrganizationListFixture data, string query, string token, string? org = null)
    {
        using var response = await data.App.SendAsync(HttpMethod.Get, $"/api/organizations/{org ?? data.Org}/refunds{query}", token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static List<string> Ids(JsonElement body) =>
        body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("refundId").GetString()!).ToList();
}
