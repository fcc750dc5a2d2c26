using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Refunds.IntegrationTests.Listing;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

/// <summary>
/// Durable's management API on the local host (<c>/runtime/webhooks/durabletask/instances...</c>) over the app's own
/// task hub: the key, listing with continuation, reading, acting on and purging refund instances. The tests share one
/// app and each makes the refunds it acts on (tests of a class run one after another).
/// </summary>
[Collection(AzuriteCollection.Name)]
[OneTestAtATime]
public sealed class DurableManagementTests(AzuriteFixture azurite, DurableManagementTests.Data shared) : IClassFixture<DurableManagementTests.Data>
{
    private const string Key = "test-management-key-0123456789abcdef";
    private const string Base = "/runtime/webhooks/durabletask/instances";

    [Fact]
    public async Task Management_NoKeyWrongKeyOrBearerOnly_401()
    {
        var (app, data) = await StartAsync();

        foreach (var (path, header) in new (string, string?)[] { (Base, null), (Base + "?code=wrong", null), (Base, "wrong"), (Base + "?code=", null) })
        {
            using var request = app.Request(HttpMethod.Get, path, TestKeys.Ops());
            if (header is not null)
            {
                request.Headers.Add("x-functions-key", header);
            }

            using var response = await app.Http.SendAsync(request);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var terminate = await app.SendAsync(HttpMethod.Post, $"{Base}/rf_any/terminate?code=wrong", token: null);
        using var purge = await app.SendAsync(HttpMethod.Delete, $"{Base}?createdTimeFrom=2000-01-01T00:00:00Z", token: null);
        await ProblemAssert.IsProblemAsync(terminate, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(purge, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Management_NoKeyConfigured_EveryCallRefused()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var withCode = await app.SendAsync(HttpMethod.Get, $"{Base}?code=", token: null);
        using var withHeader = await Send(app, HttpMethod.Get, Base, "anything");

        await ProblemAssert.IsProblemAsync(withCode, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(withHeader, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task GetInstance_CompletedRunningOrUnknown_200Or202Or404()
    {
        var (app, data) = await StartAsync();
        var completed = await CompletedRefundAsync(app);
        var waiting = await WaitingRefundAsync(app);

        using var ended = await Send(app, HttpMethod.Get, $"{Base}/{completed}?code={Key}");
        using var running = await Send(app, HttpMethod.Get, $"{Base}/{waiting}", Key);
        using var unknown = await Send(app, HttpMethod.Get, $"{Base}/rf_unknown", Key);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var body = await ProblemAssert.JsonAsync(ended);
        Assert.Equal((completed, "RefundOrchestrator", "Completed"), (body.GetProperty("instanceId").GetString(), body.GetProperty("name").GetString(), body.GetProperty("runtimeStatus").GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("input").ValueKind);
        Assert.True(body.TryGetProperty("createdTime", out _) && body.TryGetProperty("lastUpdatedTime", out _) && body.TryGetProperty("output", out _));
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal($"{Base}/{waiting}", running.Headers.Location?.OriginalString);
        Assert.Equal("Running", (await ProblemAssert.JsonAsync(running)).GetProperty("runtimeStatus").GetString());
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ListInstances_StatusTopAndContinuationHeader_PagesThroughThemAll()
    {
        var (app, data) = await StartAsync();
        var mine = new[] { await CompletedRefundAsync(app), await CompletedRefundAsync(app), await CompletedRefundAsync(app) };
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O"));

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            using var request = app.Request(HttpMethod.Get, $"{Base}?runtimeStatus=Completed&createdTimeFrom={from}&top=1&showInput=false", token: null);
            request.Headers.Add("x-functions-key", Key);
            if (continuation is not null)
            {
                request.Headers.Add("x-ms-continuation-token", continuation);
            }

            using var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await ProblemAssert.JsonAsync(response);
            Assert.True(page.GetArrayLength() <= 1);
            Assert.All(page.EnumerateArray(), i => Assert.Equal(("Completed", JsonValueKind.Null), (i.GetProperty("runtimeStatus").GetString(), i.GetProperty("input").ValueKind)));
            seen.AddRange(page.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            continuation = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (continuation is not null && pages < 100);

        Assert.Subset(seen.ToHashSet(), mine.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        using var future = await Send(app, HttpMethod.Get, $"{Base}?createdTimeFrom=2100-01-01T00:00:00Z", Key);
        Assert.Equal(0, (await ProblemAssert.JsonAsync(future)).GetArrayLength());
        using var bad = await Send(app, HttpMethod.Get, $"{Base}?runtimeStatus=Sleeping&top=0", Key);
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("runtimeStatus", out _) && problem.GetProperty("errors").TryGetProperty("top", out _));
    }

    [Fact]
    public async Task SuspendResumeRaiseAndTerminate_WaitingRefund_ActsThenEndedAnswers410()
    {
        var (app, data) = await StartAsync();
        var waiting = await WaitingRefundAsync(app);

        using var suspend = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/suspend?reason=checking", Key);
        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        await WaitForStatusAsync(app, waiting, "Suspended");
        using var resume = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/resume", Key);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        await WaitForStatusAsync(app, waiting, "Running");
        using var wake = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/raiseEvent/WakeUp", Key, """{"Reason":"ops"}""");
        using var notJson = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/raiseEvent/WakeUp", Key, "{not json");
        Assert.Equal(HttpStatusCode.Accepted, wake.StatusCode);
        await ProblemAssert.IsProblemAsync(notJson, HttpStatusCode.BadRequest, "malformed_json");

        using var terminate = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/terminate?reason=ops%20test", Key);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        await WaitForStatusAsync(app, waiting, "Terminated");
        using var again = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/terminate", Key);
        using var suspendEnded = await Send(app, HttpMethod.Post, $"{Base}/{waiting}/suspend", Key);
        using var unknown = await Send(app, HttpMethod.Post, $"{Base}/rf_unknown/terminate", Key);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Gone, "instance_ended");
        await ProblemAssert.IsProblemAsync(suspendEnded, HttpStatusCode.Gone, "instance_ended");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");

        // Terminating the instance changed nothing in the ledger: the refund still waits for funds.
        var org = data.Orgs[waiting];
        Assert.Equal("Waiting", (await app.GetRefundAsync(org, waiting)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Purge_OneEndedOneRunningThenByFilter_DeletesOnlyEndedInstances()
    {
        var (app, data) = await StartAsync();
        var completed = await CompletedRefundAsync(app);
        var waiting = await WaitingRefundAsync(app);

        using var running = await Send(app, HttpMethod.Delete, $"{Base}/{waiting}", Key);
        using var one = await Send(app, HttpMethod.Delete, $"{Base}/{completed}", Key);
        using var gone = await Send(app, HttpMethod.Get, $"{Base}/{completed}", Key);

        await ProblemAssert.IsProblemAsync(running, HttpStatusCode.PreconditionFailed, "instance_not_ended");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(1, (await ProblemAssert.JsonAsync(one)).GetProperty("instancesDeleted").GetInt32());
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not_found");
        var status = await app.GetRefundAsync(data.Orgs[completed], completed);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.False(status.TryGetProperty("orchestration", out _));

        var another = await CompletedRefundAsync(app);
        using var noFrom = await Send(app, HttpMethod.Delete, Base, Key);
        using var runningStatus = await Send(app, HttpMethod.Delete, $"{Base}?createdTimeFrom=2000-01-01T00:00:00Z&runtimeStatus=Running", Key);
        using var many = await Send(app, HttpMethod.Delete, $"{Base}?createdTimeFrom=2000-01-01T00:00:00Z&runtimeStatus=Completed", Key);
        using var none = await Send(app, HttpMethod.Delete, $"{Base}?createdTimeFrom=2000-01-01T00:00:00Z&runtimeStatus=Completed", Key);
        using var stillThere = await Send(app, HttpMethod.Get, $"{Base}/{waiting}", Key);

        await ProblemAssert.IsProblemAsync(noFrom, HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(runningStatus, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
        Assert.True((await ProblemAssert.JsonAsync(many)).GetProperty("instancesDeleted").GetInt32() >= 1);
        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.NotFound, "not_found");
        Assert.Null(await app.DurableClient.GetInstanceAsync(another));
        Assert.Equal(HttpStatusCode.Accepted, stillThere.StatusCode);
    }

    private async Task<(TestApp App, Data Data)> StartAsync()
    {
        await shared.StartAsync(azurite);
        return (shared.App, shared);
    }

    private static async Task<HttpResponseMessage> Send(TestApp app, HttpMethod method, string path, string? key = null, string? json = null)
    {
        using var request = app.Request(method, path, token: null);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await app.Http.SendAsync(request);
    }

    private static async Task WaitForStatusAsync(TestApp app, string instanceId, string status) =>
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await Send(app, HttpMethod.Get, $"{Base}/{instanceId}", Key);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString() == status;
            },
            TimeSpan.FromSeconds(20),
            $"instance {instanceId} to be {status}");

    private async Task<string> CompletedRefundAsync(TestApp app)
    {
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        var refundId = await OrganizationListFixture.StartRefundAsync(app, paid);
        await app.WaitForTerminalAsync(paid.Org, refundId);
        await Poll.UntilAsync(async () => (await app.DurableClient.GetInstanceAsync(refundId))?.IsCompleted == true, TimeSpan.FromSeconds(20), $"instance {refundId} to end");
        shared.Orgs[refundId] = paid.Org;
        return refundId;
    }

    private async Task<string> WaitingRefundAsync(TestApp app)
    {
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), account: Data.PoorAccount);
        var refundId = await OrganizationListFixture.StartRefundAsync(app, paid);
        await app.WaitForStatusAsync(paid.Org, refundId, s => s.GetProperty("runtimeStatus").GetString() == "Waiting" && s.TryGetProperty("funds", out _), "waiting for funds");
        shared.Orgs[refundId] = paid.Org;
        return refundId;
    }

    /// <summary>The shared app: with a management key, and a connected account without funds whose refunds wait an hour between checks.</summary>
    public sealed class Data : SharedAppFixture
    {
        public const string PoorAccount = "acct_management_poor";

        /// <summary>Which organization each refund made here belongs to.</summary>
        public Dictionary<string, string> Orgs { get; } = [];

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Durable:ManagementKey"] = Key,
            ["Workflow:BalanceCheckInterval"] = "01:00:00",
        };

        protected override Task SeedAsync(TestApp app)
        {
            app.Stripe.SetBalance(PoorAccount, "usd", availableMinor: 0);
            return Task.CompletedTask;
        }
    }
}
