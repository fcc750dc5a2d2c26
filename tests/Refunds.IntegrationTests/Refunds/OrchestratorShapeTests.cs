using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;
using Refunds.Application.Orchestrations.Activities;
using TaskRegistry = Refunds.DurableHost.Tasks.DurableTaskRegistry;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Refunds;

/// <summary>
/// A deployment that changes the orchestrator's shape meets instances parked at a wait. The record is the arbiter, so
/// the current code completes such an instance, whether its replay happens to match or fails and the reconciler
/// starts a new instance from the record.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrchestratorShapeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Deployment_InstanceParkedByAPreviousShape_CompletesWithOneStripeRefund()
    {
        await using var app = await TestApp.StartAsync(
            azurite,
            new Dictionary<string, string?>(TestApp.ShortVisibility),
            beforeStart: services => services.GetRequiredService<TaskRegistry>().ReplaceOrchestrator(typeof(PreviousShapeRefundOrchestrator)));
        var paid = await Seed.PaidOnlinePaymentAsync(app, Seed.NewOrg());
        app.Stripe.ScriptRefund(paid.PaymentIntentId, RefundScript.PendingThenSucceed());

        using var started = await app.SendAsync(HttpMethod.Post, paid.RefundsPath, TestKeys.Admin(paid.Org));
        started.EnsureSuccessStatusCode();
        var refundId = (await ProblemAssert.JsonAsync(started)).GetProperty("refundId").GetString()!;
        await Poll.UntilAsync(
            async () => (await app.DurableClient.GetInstanceAsync(refundId, getInputsAndOutputs: true))?.SerializedCustomStatus == PreviousShapeRefundOrchestrator.Parked,
            TimeSpan.FromSeconds(30),
            "the previous shape to park at its wait");

        // The new deployment: the same hub and ledger, the current orchestrator under the same name.
        app.BeforeStart = null;
        await app.RestartAppAsync();
        app.Stripe.SettleRefund(app.Stripe.RefundsFor(paid.PaymentIntentId)[0].Id);
        var status = await app.WaitForTerminalAsync(paid.Org, refundId, TimeSpan.FromSeconds(60));

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Single(app.Stripe.RefundsFor(paid.PaymentIntentId));
        Assert.Equal("succeeded", status.GetProperty("stripe").GetProperty("status").GetString());
        Assert.Contains(status.GetProperty("history").EnumerateArray(), h => h.GetProperty("outcome").GetString() == "InvoicesReopened");
    }

    /// <summary>
    /// The shape before every wait ended with a continue-as-new: it created the Stripe refund, then slept on a timer
    /// and read the record with an activity that no longer exists.
    /// </summary>
    [DurableTask(nameof(RefundOrchestrator))]
    private sealed class PreviousShapeRefundOrchestrator : TaskOrchestrator<RefundRun, string>
    {
        public const string Parked = "\"previous-shape-parked\"";

        public override async Task<string> RunAsync(TaskOrchestrationContext context, RefundRun input)
        {
            await context.CallActivityAsync<RefundProgress>(nameof(CreateStripeRefundActivity), input.Refund);
            context.SetCustomStatus("previous-shape-parked");
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(3), CancellationToken.None);
            return await context.CallActivityAsync<string>("ReadRefundActivity", input.Refund);
        }
    }
}
