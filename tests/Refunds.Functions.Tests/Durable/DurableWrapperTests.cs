using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.Functions.Durable;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Durable;

[Collection(FunctionsCollection.Name)]
public sealed class DurableWrapperTests(FunctionsFixture fixture)
{
    private static readonly HashSet<string> FunctionNames = typeof(OrchestratorTriggers).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods())
        .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
        .OfType<string>()
        .ToHashSet();

    private static readonly RefundCustomStatus Done = RefundCustomStatus.Gone with { RuntimeStatus = "Completed" };

    [Fact]
    public async Task RunRefund_DueMove_CallsTheMovesActivityFunctionAndReturnsTheRecordsStatus()
    {
        var due = new RefundView("org_1", "ref_1", WorkflowMove.CreateStripeRefund, DateTimeOffset.UnixEpoch, RefundCustomStatus.Gone);
        var context = new ScriptedOrchestrationContext(nameof(RefundOrchestrator), due, (_, input) => input is RefundInstance { RefundId: "ref_1" }
            ? new RefundView("org_1", "ref_1", WorkflowMove.None, DateTimeOffset.UnixEpoch, Done)
            : throw new InvalidOperationException($"Unexpected activity input {input}."));

        var status = await OrchestratorTriggers.RunRefund(context);

        Assert.Equal("Completed", status);
        Assert.Equal([nameof(Application.Orchestrations.Activities.CreateStripeRefundActivity)], context.ActivitiesCalled);
        Assert.Subset(FunctionNames, context.ActivitiesCalled.ToHashSet());
        Assert.Equal(Done, context.CustomStatus);
    }

    [Fact]
    public async Task RunStripeEvent_Event_CallsProcessStripeEventActivityFunction()
    {
        var stripeEvent = new StripeEvent("evt_1", StripeEvent.RefundUpdated, "acct_1", DateTimeOffset.UnixEpoch);
        var context = new ScriptedOrchestrationContext(nameof(StripeEventOrchestrator), stripeEvent, (_, input) =>
            Equals(input, stripeEvent) ? "Applied" : throw new InvalidOperationException("The event was not passed on."));

        var outcome = await OrchestratorTriggers.RunStripeEvent(context);

        Assert.Equal("Applied", outcome);
        Assert.Subset(FunctionNames, context.ActivitiesCalled.ToHashSet());
    }

    [Fact]
    public async Task RunReadRefund_StartedRefund_ReadsItsRecordFromTheLedger()
    {
        var (org, refundId) = await Calls.StartRefundAsync(fixture);
        await using var scope = fixture.Worker.Services.CreateAsyncScope();
        var context = new TestFunctionContext(scope.ServiceProvider, Calls.Method(typeof(ActivityTriggers), nameof(ActivityTriggers.RunReadRefund)));

        var view = await ActivityTriggers.RunReadRefund(new RefundInstance(org, refundId), refundId, context);

        Assert.Equal(refundId, view.RefundId);
        Assert.Equal(WorkflowMove.CreateStripeRefund, view.Move);
        Assert.Equal("Pending", view.Status.RuntimeStatus);
    }

    [Fact]
    public async Task ReconcilerRun_RecordWithoutOrchestration_StartsItThroughTheBoundClient()
    {
        // A refund whose start went to another hub: in this one it has no orchestration, as after a crash between
        // the ledger commit and the schedule.
        var (other, owner) = await fixture.OtherHubClientAsync();
        await using var _ = owner;
        var (org, paymentId) = await Calls.SeedPaymentAsync(fixture);
        var started = await FunctionHttp.InvokeAsync(
            fixture.Worker,
            Calls.Method(typeof(Features.StartRefund.StartRefundFunction), nameof(Features.StartRefund.StartRefundFunction.Run)),
            Calls.StartRefundRequest(org, paymentId, TestKeys.Admin(org)),
            (http, context) => Features.StartRefund.StartRefundFunction.Run(http, org, paymentId, other, context));
        var refundId = started.Json.GetProperty("refundId").GetString()!;
        Assert.Null(await fixture.DurableClient.GetInstanceAsync(refundId));
        await Task.Delay(50); // past Workflow:StallGrace

        await using var scope = fixture.Worker.Services.CreateAsyncScope();
        await ReconcilerTimer.Run(new TimerInfo(), fixture.DurableClient, new TestFunctionContext(scope.ServiceProvider, Calls.Method(typeof(ReconcilerTimer), nameof(ReconcilerTimer.Run))));

        var instance = await fixture.DurableClient.GetInstanceAsync(refundId);
        Assert.NotNull(instance);
        Assert.Equal(nameof(RefundOrchestrator), instance.Name);
    }
}
