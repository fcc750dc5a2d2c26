using System.Net;
using System.Text.Json;
using Refunds.Application.Workflow;
using Refunds.IntacctStandIn;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>The Intacct reversal queued after a refund settles, over the real XML gateway stand-in.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntacctReversalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReverseInIntacct_ExportedPayment_SucceededExactlyOnceDatedTheRefundDay()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), intacctKey: "4711");

        var refundId = await StartAsync(app, paid);
        var status = await WaitForIntacctAsync(app, paid.Org, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Succeeded", status.GetProperty("intacct").GetProperty("status").GetString());
        var reversed = app.Intacct.GetArPayment("4711")!;
        Assert.Equal(1, reversed.ReversalCount);
        Assert.Equal(StandInArPaymentState.Reversed, reversed.State);
        Assert.Equal(DateOnly.FromDateTime(status.GetProperty("completedAt").GetDateTimeOffset().UtcDateTime), reversed.ReversalDate);
        Assert.Contains(refundId, reversed.ReversalDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseInIntacct_CrashAfterIntacctAnswered_RedeliveryDoesNotReverseTwice()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Testing:CrashPoints:Armed:0"] = CrashPoints.AfterIntacctAnswered,
        });
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), intacctKey: "4712");

        var refundId = await StartAsync(app, paid);
        var status = await WaitForIntacctAsync(app, paid.Org, refundId);

        Assert.Equal("Succeeded", status.GetProperty("intacct").GetProperty("status").GetString());
        Assert.Equal(1, app.Intacct.GetArPayment("4712")!.ReversalCount);
        Assert.True(app.Intacct.Requests.Count(r => r.Body.Contains("reverse_arpayment", StringComparison.Ordinal)) >= 2, "the reversal must have been sent again after the crash");
    }

    [Fact]
    public async Task ReverseInIntacct_ThrottledAndUnavailable_RetriedToOneReversal()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), intacctKey: "4713");
        app.Intacct.InjectFaults(StandInFault.Throttled(), StandInFault.HttpStatus(503), StandInFault.Throttled(), StandInFault.HttpStatus(502));

        var refundId = await StartAsync(app, paid);
        var status = await WaitForIntacctAsync(app, paid.Org, refundId);

        Assert.Equal("Succeeded", status.GetProperty("intacct").GetProperty("status").GetString());
        Assert.Equal(1, app.Intacct.GetArPayment("4713")!.ReversalCount);
        Assert.True(app.Intacct.MaxConcurrentRequests(app.Intacct.Options.CompanyId) <= 2);
    }

    [Fact]
    public async Task ReverseInIntacct_ClosedPeriod_FailedWithIntacctErrorThenOpsRetrySucceeds()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg(), intacctKey: "4714");
        app.Intacct.CloseBooksThrough(DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)));

        var refundId = await StartAsync(app, paid);
        var failed = await WaitForIntacctAsync(app, paid.Org, refundId);

        Assert.Equal("Completed", failed.GetProperty("runtimeStatus").GetString());
        var intacct = failed.GetProperty("intacct");
        Assert.Equal("Failed", intacct.GetProperty("status").GetString());
        var error = intacct.GetProperty("error");
        Assert.NotEqual("XL03000009", error.GetProperty("errorNumber").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        Assert.Equal(0, app.Intacct.GetArPayment("4714")!.ReversalCount);

        var retryPath = $"/api/organizations/{paid.Org}/refunds/{refundId}/intacct/retry";
        using var byAdmin = await app.SendAsync(HttpMethod.Post, retryPath, TestKeys.Admin(paid.Org));
        await ProblemAssert.IsProblemAsync(byAdmin, HttpStatusCode.Forbidden);

        app.Intacct.CloseBooksThrough(new DateOnly(2000, 1, 1));
        using var retry = await app.SendAsync(HttpMethod.Post, retryPath, TestKeys.Ops());
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var succeeded = await WaitForIntacctAsync(app, paid.Org, refundId);

        Assert.Equal("Succeeded", succeeded.GetProperty("intacct").GetProperty("status").GetString());
        Assert.Equal(1, app.Intacct.GetArPayment("4714")!.ReversalCount);
        using var again = await app.SendAsync(HttpMethod.Post, retryPath, TestKeys.Ops());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "intacct_not_failed");
    }

    [Fact]
    public async Task ReverseInIntacct_PaymentNeverExported_NotApplicableAndNothingSent()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());

        var refundId = await StartAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);

        Assert.Equal("NotApplicable", status.GetProperty("intacct").GetProperty("status").GetString());
        Assert.Empty(app.Intacct.Requests);
    }

    private static async Task<JsonElement> WaitForIntacctAsync(TestApp app, string org, string refundId)
    {
        JsonElement status = default;
        await Poll.UntilAsync(
            async () =>
            {
                status = await app.GetRefundAsync(org, refundId);
                return status.GetProperty("intacct").GetProperty("status").GetString() is "Succeeded" or "Failed";
            },
            TimeSpan.FromSeconds(30),
            $"the Intacct reversal of {refundId}",
            TimeSpan.FromMilliseconds(100));
        return status;
    }

    private static async Task<string> StartAsync(TestApp app, SeededPayment paid)
    {
        using var response = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        response.EnsureSuccessStatusCode();
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
