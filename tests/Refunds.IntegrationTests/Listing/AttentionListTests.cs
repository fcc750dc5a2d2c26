using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Listing;

/// <summary><c>GET /api/refunds</c> on one shared app holding a refund for each attention reason.</summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class AttentionListTests(AzuriteFixture azurite, AttentionFixture shared) : IClassFixture<AttentionFixture>
{
    [Fact]
    public async Task Attention_NoFilter_EachRefundWithItsReasonsOldestFirstAndNoSettledOne()
    {
        var data = await StartAsync();

        var items = await ItemsUntilAsync(data, "", items => HasReasons(items, data.Stalled, "stalled"));

        var ours = items.Where(i => data.Expected.Any(e => e.Case.RefundId == Id(i))).ToList();
        Assert.Equal(data.Expected.Select(e => e.Case.RefundId), ours.Select(Id));
        foreach (var (expected, reasons) in data.Expected)
        {
            Assert.Equal(reasons, Reasons(ours.Single(i => Id(i) == expected.RefundId)));
        }

        Assert.DoesNotContain(items, i => Id(i) == data.Settled.RefundId);
        var waiting = ours.Single(i => Id(i) == data.Waiting.RefundId);
        Assert.Equal(("insufficient_funds", 13_000L), (waiting.GetProperty("waiting").GetProperty("reason").GetString(), waiting.GetProperty("waiting").GetProperty("shortfall").GetProperty("amount").GetInt64()));
        var stalled = ours.Single(i => Id(i) == data.Stalled.RefundId);
        Assert.Equal("requires_action", stalled.GetProperty("waiting").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, stalled.GetProperty("waiting").GetProperty("shortfall").ValueKind);
        Assert.Equal($"/api/organizations/{data.IntacctFailed.Org}/refunds/{data.IntacctFailed.RefundId}", ours[0].GetProperty("url").GetString());
        var times = items.Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Theory]
    [InlineData("waiting_for_funds")]
    [InlineData("intacct_failed")]
    [InlineData("failed")]
    [InlineData("stalled")]
    [InlineData("warnings")]
    public async Task Attention_OneReason_OnlyRefundsWithIt(string reason)
    {
        var data = await StartAsync();

        var items = await ItemsUntilAsync(data, "?attention=" + reason, items => reason != "stalled" || HasReasons(items, data.Stalled, "stalled"));

        var ours = items.Select(Id).Where(id => data.Expected.Any(e => e.Case.RefundId == id)).ToList();
        Assert.Equal(data.Expected.Where(e => e.Reasons.Contains(reason)).Select(e => e.Case.RefundId), ours);
        Assert.All(items, i => Assert.Contains(reason, Reasons(i)));
    }

    [Fact]
    public async Task Attention_OrgIdOlderThanAndSeveralReasons_Narrowed()
    {
        var data = await StartAsync();
        var all = await ItemsUntilAsync(data, "?attention=failed&attention=intacct_failed,warnings", _ => true);
        var failedAt = all.Single(i => Id(i) == data.Failed.RefundId).GetProperty("createdAt").GetString()!;

        var byOrg = await ItemsUntilAsync(data, "?orgId=" + data.Warning.Org, _ => true);
        var older = await ItemsUntilAsync(data, "?attention=failed,intacct_failed,warnings&olderThan=" + Uri.EscapeDataString(failedAt), _ => true);
        var longAgo = await ItemsUntilAsync(data, "?olderThan=PT1H", _ => true);

        Assert.Equal([data.IntacctFailed.RefundId, data.Failed.RefundId, data.Warning.RefundId], all.Select(Id).Where(id => data.Expected.Any(e => e.Case.RefundId == id)));
        Assert.Equal([data.Warning.RefundId], byOrg.Select(Id));
        Assert.Equal([data.IntacctFailed.RefundId], older.Select(Id).Where(id => data.Expected.Any(e => e.Case.RefundId == id)));
        Assert.Empty(longAgo);
    }

    [Fact]
    public async Task Attention_PagesOfTwo_EveryRefundOnceInOrder()
    {
        var data = await StartAsync();
        var whole = (await ItemsUntilAsync(data, "?attention=failed&attention=intacct_failed&attention=waiting_for_funds", _ => true)).Select(Id).ToList();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = await ListAsync(data, "?attention=failed&attention=intacct_failed&attention=waiting_for_funds&pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), TestKeys.Ops());
            var page = body.GetProperty("items").EnumerateArray().Select(Id).ToList();
            Assert.True(page.Count <= 2);
            seen.AddRange(page);
            token = body.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.True(whole.Count >= 4, string.Join(", ", whole));
        Assert.Equal(whole, seen);
    }

    [Fact]
    public async Task Attention_AdminSyncOrNoToken_403Or401()
    {
        var data = await StartAsync();

        using var admin = await data.App.SendAsync(HttpMethod.Get, "/api/refunds", TestKeys.Admin(data.Waiting.Org));
        using var sync = await data.App.SendAsync(HttpMethod.Get, "/api/refunds", TestKeys.Sync());
        using var anonymous = await data.App.SendAsync(HttpMethod.Get, "/api/refunds", token: null);

        await ProblemAssert.IsProblemAsync(admin, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(sync, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("?attention=stuck", "attention")]
    [InlineData("?attention=Failed", "attention")]
    [InlineData("?olderThan=last-week", "olderThan")]
    [InlineData("?olderThan=P0D", "olderThan")]
    [InlineData("?orgId=org%2F1", "orgId")]
    [InlineData("?pageSize=500", "pageSize")]
    [InlineData("?continuationToken=abc.def", "continuationToken")]
    public async Task Attention_BadFilter_400ValidationFailedNamingIt(string query, string field)
    {
        var data = await StartAsync();

        using var response = await data.App.SendAsync(HttpMethod.Get, "/api/refunds" + query, TestKeys.Ops());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Attention_TokenOfAnotherListOrOtherFilters_400()
    {
        var data = await StartAsync();
        var ops = TestKeys.Ops();
        var attentionToken = (await ListAsync(data, "?pageSize=1", ops)).GetProperty("continuationToken").GetString()!;
        var organizationToken = (await ListAsync(data, "?pageSize=1", ops, $"/api/organizations/{data.Waiting.Org}/refunds")).GetProperty("continuationToken");

        using var otherFilters = await data.App.SendAsync(HttpMethod.Get, "/api/refunds?pageSize=1&attention=failed&continuationToken=" + Uri.EscapeDataString(attentionToken), ops);
        using var onOrganizationList = await data.App.SendAsync(HttpMethod.Get, $"/api/organizations/{data.Waiting.Org}/refunds?pageSize=1&continuationToken=" + Uri.EscapeDataString(attentionToken), ops);

        await ProblemAssert.IsProblemAsync(otherFilters, HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(onOrganizationList, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(JsonValueKind.Null, organizationToken.ValueKind);
    }

    [Fact]
    public async Task Attention_TopUpSettlesTheWait_RefundLeavesTheListAndItsAttentionRowGoes()
    {
        var data = await StartAsync();
        Assert.Contains(data.ToppedUp.RefundId, (await ItemsUntilAsync(data, "?orgId=" + data.ToppedUp.Org, _ => true)).Select(Id));

        data.App.Stripe.TopUp(AttentionFixture.ToppedUpAccount, "usd", 50_000);
        await data.App.WaitForTerminalAsync(data.ToppedUp.Org, data.ToppedUp.RefundId);

        Assert.Empty(await ItemsUntilAsync(data, "?orgId=" + data.ToppedUp.Org, _ => true));
        var table = new TableClient(azurite.ConnectionString, data.App.TableName);
        await Poll.UntilAsync(
            () => !table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"attention|refunds"} and RefundId eq {data.ToppedUp.RefundId}")).Any(),
            TimeSpan.FromSeconds(10),
            "the completed refund's attention row to go");
    }

    [Fact]
    public async Task Attention_RowSayingMoreThanItsRecord_NotListedAndRepairedByTheReconciler()
    {
        var data = await StartAsync();
        var table = new TableClient(azurite.ConnectionString, data.App.TableName);
        var settled = Assert.Single(table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {data.Settled.Org} and RefundId eq {data.Settled.RefundId} and Kind eq {"RefundSummary"}")));
        var createdAt = settled.GetDateTimeOffset("CreatedAt")!.Value;
        var key = $"{createdAt.UtcTicks - (createdAt.UtcTicks % TimeSpan.TicksPerMillisecond):D19}|{data.Settled.Org}|{data.Settled.RefundId}";

        // As a writer that widened the row and then lost its commit, or died, would leave it.
        await table.UpsertEntityAsync(new TableEntity("attention|refunds", key)
        {
            ["Kind"] = "Attention",
            ["OrganizationId"] = data.Settled.Org,
            ["RefundId"] = data.Settled.RefundId,
            ["CreatedAt"] = createdAt,
            ["Revision"] = settled.GetInt32("Revision")!.Value,
            ["Failed"] = true,
            ["NeedsOrchestration"] = false,
            ["WaitingForFunds"] = false,
            ["IntacctFailed"] = false,
            ["Warnings"] = false,
        });

        Assert.Empty(await ItemsUntilAsync(data, "?attention=failed&orgId=" + data.Settled.Org, _ => true));
        await Poll.UntilAsync(
            async () => (await table.GetEntityIfExistsAsync<TableEntity>("attention|refunds", key)).HasValue is false,
            TimeSpan.FromSeconds(10),
            "the reconciler to remove the row");
    }

    private async Task<AttentionFixture> StartAsync()
    {
        await shared.StartAsync(azurite);
        return shared;
    }

    /// <summary>Every page of the list, read again until <paramref name="ready"/> holds (a refund becomes stalled with time).</summary>
    private static async Task<List<JsonElement>> ItemsUntilAsync(AttentionFixture data, string query, Func<List<JsonElement>, bool> ready)
    {
        var items = new List<JsonElement>();
        await Poll.UntilAsync(
            async () =>
            {
                items = (await ListAsync(data, query + (query.Length == 0 ? "?" : "&") + "pageSize=100", TestKeys.Ops())).GetProperty("items").EnumerateArray().ToList();
                return ready(items);
            },
            TimeSpan.FromSeconds(20),
            "the attention list " + query,
            TimeSpan.FromMilliseconds(200));
        return items;
    }

    private static async Task<JsonElement> ListAsync(AttentionFixture data, string query, string token, string path = "/api/refunds")
    {
        using var response = await data.App.SendAsync(HttpMethod.Get, path + query, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static bool HasReasons(List<JsonElement> items, AttentionFixture.Case refund, string reason) =>
        items.Any(i => Id(i) == refund.RefundId && Reasons(i).Contains(reason));

    private static string Id(JsonElement item) => item.GetProperty("refundId").GetString()!;

    private static List<string> Reasons(JsonElement item) => item.GetProperty("attention").EnumerateArray().Select(a => a.GetString()!).ToList();
}
