using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;
using Refunds.Application.Reconciliation;
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

    private static readonly string[] TwoAccounts = ["acct_a", "acct_b"];

    private static readonly RefundCustomStatus Done = RefundCustomStatus.Gone with { RuntimeStatus = "Completed" };

    [Fact]
    public async Task RunRefund_NewRefund_CallsTheCreateActivityFunctionAndReturnsHowItEnded()
    {
        var context = new ScriptedOrchestrationContext(nameof(RefundOrchestrator), new RefundRun("org_1", "ref_1"), (_, input) => input is RefundInstance { RefundId: "ref_1" }
            ? new RefundProgress(RefundStage.Recorded, DateTimeOffset.UnixEpoch, IntacctPending: false, Done)
            : throw new InvalidOperationException($"Unexpected activity input {input}."));

        var status = await OrchestratorTriggers.RunRefund(context);

        Assert.Equal("Completed", status);
        Assert.Equal([nameof(Application.Orchestrations.Activities.CreateStripeRefundActivity)], context.ActivitiesCalled);
        Assert.Subset(FunctionNames, context.ActivitiesCalled.ToHashSet());
        Assert.Equal(Done, context.CustomStatus);
    }

    [Fact]
    public async Task RunLateFailure_NewReversal_CallsTheRecordActivityFunction()
    {
        var context = new ScriptedOrchestrationContext(nameof(LateFailureOrchestrator), new RefundRun("org_1", "rv_1"), (_, input) => input is RefundInstance { RefundId: "rv_1" }
            ? new RefundProgress(RefundStage.Recorded, DateTimeOffset.UnixEpoch, IntacctPending: false, Done)
            : throw new InvalidOperationException($"Unexpected activity input {input}."));

        var status = await OrchestratorTriggers.RunLateFailure(context);

        Assert.Equal("Completed", status);
        Assert.Equal([nameof(Application.Orchestrations.Activities.RecordRefundActivity)], context.ActivitiesCalled);
        Assert.Subset(FunctionNames, context.ActivitiesCalled.ToHashSet());
    }

    [Fact]
    public async Task RunReconciliation_TwoAccounts_PlansReconcilesEachThenCompletesThroughActivityFunctions()
    {
        var input = new ReconciliationInput("rc_1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), null);
        var context = new ScriptedOrchestrationContext(nameof(ReconciliationOrchestrator), input, (name, activityInput) => (name.Name, activityInput) switch
        {
            (nameof(PlanReconciliationActivity), ReconciliationInput { RunId: "rc_1" }) => TwoAccounts,
            (nameof(ReconcileAccountActivity), AccountReconciliationInput { RunId: "rc_1" } account) =>
                new AccountReconciliation(account.ConnectedAccountId, 1, 1, 0, 1, new Dictionary<string, int>()),
            (nameof(CompleteReconciliationActivity), ReconciliationCompletion { Accounts.Count: 2 }) => "Completed",
            _ => throw new InvalidOperationException($"Unexpected activity {name} with {activityInput}."),
        });

        var status = await OrchestratorTriggers.RunReconciliation(context);

        Assert.Equal("Completed", status);
        Assert.Equal(
            [nameof(PlanReconciliationActivity), nameof(ReconcileAccountActivity), nameof(ReconcileAccountActivity), nameof(CompleteReconciliationActivity)],
            context.ActivitiesCalled);
        Assert.Subset(FunctionNames, context.ActivitiesCalled.ToHashSet());
    }

    [Fact]
    public async Task RunRecordRefund_StartedRefund_ReturnsWhereItsLedgerRecordStandsWithoutRecording()
    {
        var (org, refundId) = await Calls.StartRefundAsync(fixture);
        await using var scope = fixture.Worker.Services.CreateAsyncScope();
        var context = new TestFunctionContext(scope.ServiceProvider, Calls.Method(typeof(ActivityTriggers), nameof(ActivityTriggers.RunRecordRefund)));

        var progress = await ActivityTriggers.RunRecordRefund(new RefundInstance(org, refundId), refundId, context);

        Assert.Equal(RefundStage.ReadyToCreate, progress.Stage);
        Assert.Equal("Pending", progress.Status.RuntimeStatus);
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
