using Microsoft.DurableTask.Client;
using Refunds.Http.Auth;
using Refunds.Application.Orchestrations;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Http;

[Collection(FunctionsCollection.Name)]
public sealed class StartRefundFunctionTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task Run_AdminOfTheOrganization_Accepted202WithLocationAndScheduledOrchestration()
    {
        var (org, paymentId) = await Calls.SeedPaymentAsync(fixture);

        var response = await Calls.StartRefundAsync(fixture, Calls.StartRefundRequest(org, paymentId, TestKeys.Admin(org)), org, paymentId);

        Assert.Equal(202, response.Status);
        var refundId = response.Json.GetProperty("refundId").GetString()!;
        Assert.Equal($"/api/organizations/{org}/refunds/{refundId}", response.Header("Location"));
        Assert.Equal("2", response.Header("Retry-After"));

        // Scheduled through the client the function was handed, under the refund's id.
        var instance = await fixture.DurableClient.GetInstanceAsync(refundId, getInputsAndOutputs: true);
        Assert.NotNull(instance);
        Assert.Equal(nameof(RefundOrchestrator), instance.Name);
        Assert.Equal(refundId, instance.ReadInputAs<RefundRun>()!.RefundId);
    }

    [Fact]
    public async Task GetRefund_AfterStart_200WithTheLedgerRecordAndItsOrchestrationInstance()
    {
        var (org, paymentId) = await Calls.SeedPaymentAsync(fixture);
        var started = await Calls.StartRefundAsync(fixture, Calls.StartRefundRequest(org, paymentId, TestKeys.Admin(org)), org, paymentId);
        var refundId = started.Json.GetProperty("refundId").GetString()!;

        var response = await Calls.GetRefundAsync(fixture, Calls.GetRefundRequest(org, refundId, TestKeys.Admin(org)), org, refundId);

        Assert.Equal(200, response.Status);
        Assert.Equal(refundId, response.Json.GetProperty("refundId").GetString());
        var orchestration = response.Json.GetProperty("orchestration");
        Assert.Equal(refundId, orchestration.GetProperty("instanceId").GetString());
        Assert.Equal(nameof(RefundOrchestrator), orchestration.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Run_NoToken_Unauthorized401ProblemWithBearerChallenge()
    {
        var response = await Calls.StartRefundAsync(fixture, Calls.StartRefundRequest("org_x", "pay_x", token: null), "org_x", "pay_x");

        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
        Assert.Equal("unauthorized", response.Code);
        Assert.Equal(401, response.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Run_TokenSignedWithAnotherKey_Unauthorized401WithInvalidTokenChallenge()
    {
        var token = TestKeys.Token("org_x", [Roles.Admin], signWithOtherKey: true);

        var response = await Calls.StartRefundAsync(fixture, Calls.StartRefundRequest("org_x", "pay_x", token), "org_x", "pay_x");

        Assert.Equal(401, response.Status);
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Equal("unauthorized", response.Code);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("admin-of-another-org")]
    public async Task Run_WrongRoleOrOrganization_Forbidden403Problem(string who)
    {
        var token = who == "sync" ? TestKeys.Sync() : TestKeys.Admin("org_other");

        var response = await Calls.StartRefundAsync(fixture, Calls.StartRefundRequest("org_x", "pay_x", token), "org_x", "pay_x");

        Assert.Equal(403, response.Status);
        Assert.Equal("forbidden", response.Code);
        Assert.Equal("Refunds need the Admin role of this organization.", response.Json.GetProperty("detail").GetString());
    }
}
