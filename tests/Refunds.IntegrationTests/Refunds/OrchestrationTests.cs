using System.Text.Json;
using Microsoft.DurableTask.Client;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>What Durable itself shows of a refund: the instance named after it, its custom status and its end.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrchestrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RefundOrchestration_CardRefund_InstanceIdIsTheRefundIdAndItCompletes()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());

        var refundId = await StartRefundAsync(app, paid);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId);
        var instance = await WaitForInstanceEndAsync(app, refundId);

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("RefundOrchestrator", instance.Name);
        Assert.Equal("\"Completed\"", instance.SerializedOutput);
        var orchestration = status.GetProperty("orchestration");
        Assert.Equal(refundId, orchestration.GetProperty("instanceId").GetString());
        Assert.Equal("RefundOrchestrator", orchestration.GetProperty("name").GetString());
    }

    [Fact]
    public async Task RefundOrchestration_WaitingForFunds_CustomStatusShowsShortfallAndRemediesThenCancelEndsIt()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Workflow:BalanceCheckInterval"] = "01:00:00" });
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.SetBalance(Seed.Account, "usd", availableMinor: 1_000);

        var refundId = await StartRefundAsync(app, paid);
        JsonElement custom = default;
        await Poll.UntilAsync(
            async () =>
            {
                var instance = await app.DurableClient.GetInstanceAsync(refundId, getInputsAndOutputs: true);
                if (instance?.SerializedCustomStatus is not { } json)
                {
                    return false;
                }

                custom = JsonDocument.Parse(json).RootElement;
                return custom.GetProperty("RuntimeStatus").GetString() == "Waiting";
            },
            TimeSpan.FromSeconds(30),
            "the orchestration to show it waits for funds");

        Assert.Equal("CreateStripeRefund", custom.GetProperty("Step").GetString());
        Assert.Equal(14_000, custom.GetProperty("ShortfallMinorUnits").GetInt64());
        Assert.Equal("USD", custom.GetProperty("Currency").GetString());
        Assert.Equal(["retry", "cancel"], custom.GetProperty("Remedies").EnumerateArray().Select(r => r.GetString()));

        using var canceled = await app.SendAsync(HttpMethod.Post, $"/api/organizations/{paid.Org}/refunds/{refundId}/cancel", TestKeys.Admin(paid.Org));
        canceled.EnsureSuccessStatusCode();

        // The cancel event wakes the orchestration long before its hourly balance check.
        var ended = await WaitForInstanceEndAsync(app, refundId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal("\"Canceled\"", ended.SerializedOutput);
        Assert.Empty(app.Stripe.RefundsFor(paid.PaymentIntentId));
    }

    private static async Task<OrchestrationMetadata> WaitForInstanceEndAsync(TestApp app, string instanceId)
    {
        OrchestrationMetadata? instance = null;
        await Poll.UntilAsync(
            async () =>
            {
                instance = await app.DurableClient.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return instance is { IsCompleted: true };
            },
            TimeSpan.FromSeconds(30),
            $"orchestration {instanceId} to end");
        return instance!;
    }

    private static async Task<string> StartRefundAsync(TestApp app, SeededPayment paid)
    {
        using var response = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        response.EnsureSuccessStatusCode();
        return (await ProblemAssert.JsonAsync(response)).GetProperty("refundId").GetString()!;
    }
}
