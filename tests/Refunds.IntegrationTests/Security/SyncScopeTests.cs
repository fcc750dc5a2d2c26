using System.Net;
using Refunds.Http.Auth;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Security;

/// <summary>A Sync token with an org_id claim records data of that organization only; one without it, of any.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SyncScopeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public static TheoryData<string> Kinds() => new() { "payment", "invoice", "credit-memo", "settings" };

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_SyncTokenOfAnotherOrganization_403ForbiddenAndNothingRecorded(string kind)
    {
        var org = Seed.NewOrg();
        var (path, body) = Write(kind, org);

        using var refused = await _app.SendAsync(HttpMethod.Put, path, SyncOf(Seed.NewOrg()), body);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        using var platform = await _app.SendAsync(HttpMethod.Put, path, TestKeys.Sync(), body);
        Assert.Equal(HttpStatusCode.Created, platform.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_SyncTokenOfThatOrganization_Recorded(string kind)
    {
        var org = Seed.NewOrg();
        var (path, body) = Write(kind, org);

        using var created = await _app.SendAsync(HttpMethod.Put, path, SyncOf(org), body);
        using var again = await _app.SendAsync(HttpMethod.Put, path, SyncOf(org), body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("unchanged", (await ProblemAssert.JsonAsync(again)).GetProperty("outcome").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_SyncTokenWithoutOrganization_RecordsAnyOrganization(string kind)
    {
        var (first, firstBody) = Write(kind, Seed.NewOrg());
        var (second, secondBody) = Write(kind, Seed.NewOrg());

        using var one = await _app.SendAsync(HttpMethod.Put, first, TestKeys.Sync(), firstBody);
        using var other = await _app.SendAsync(HttpMethod.Put, second, TestKeys.Sync(), secondBody);

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    private static string SyncOf(string org) => TestKeys.Token(org, [Roles.Sync], subject: "merchant-sync");

    private static (string Path, object Body) Write(string kind, string org) => kind switch
    {
        "payment" => ($"/api/organizations/{org}/payments/{Seed.NewId("pay_")}", new
        {
            stripePaymentIntentId = Seed.NewId("pi_"),
            connectedAccountId = Seed.Account,
            amount = 4_200,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
        }),
        "invoice" => ($"/api/organizations/{org}/invoices/{Seed.NewId("inv_")}", new { amount = 4_200, currency = "usd", paidAmount = 4_200, inDispute = false, inCollections = false }),
        "credit-memo" => ($"/api/organizations/{org}/credit-memos/{Seed.NewId("cm_")}", new { amount = 1_000, currency = "usd", invoiceId = "inv_1", refundedAmount = 0 }),
        "settings" => ($"/api/organizations/{org}/settings", new { refundRecording = "credit_memo", exportsToIntacct = false }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
