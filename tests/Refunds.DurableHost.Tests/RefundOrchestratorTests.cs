using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests;

[Collection(DurableHostCollection.Name)]
public sealed class RefundOrchestratorTests(DurableHostFixture hosts) : IAsyncLifetime
{
    private TestHost _host = null!;

    private DurableTaskClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await hosts.HostFor<RefundOrchestratorTests>();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_TwoActivitiesAndAnApproval_CompletesWithOutputAndShowsCustomStatusWhileWaiting()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RefundOrchestrator), new RefundRequest("r1", WaitForApproval: true), new StartOrchestrationOptions("refund-r1"));
        Assert.Equal("refund-r1", id);

        var waiting = await Client.WaitForCustomStatusAsync(id, "waiting-approval");
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(nameof(RefundOrchestrator), waiting.Name);
        Assert.Equal("re_r1", waiting.ReadCustomStatusAs<RefundStatus>()!.StripeRefundId);
        Assert.Equal("r1", waiting.ReadInputAs<RefundRequest>()!.RefundId);
        var withoutPayloads = await Client.GetInstanceAsync(id, getInputsAndOutputs: false);
        Assert.Null(withoutPayloads!.SerializedCustomStatus);
        Assert.Null(withoutPayloads.SerializedInput);

        await Client.RaiseEventAsync(id, RefundOrchestrator.ApprovalEvent, "approved-by-ops");
        var done = await Client.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new RefundOutcome("r1", "re_r1", 2, "approved-by-ops"), done.ReadOutputAs<RefundOutcome>());
        Assert.Contains("done", done.SerializedCustomStatus, StringComparison.Ordinal);
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SameIdWhileRunning_ThrowsAlreadyExistsAndKeepsTheFirstExecution()
    {
        const string id = "refund-twice";
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("first", WaitForApproval: true), new StartOrchestrationOptions(id));
        await Client.WaitForCustomStatusAsync(id, "waiting-approval");

        // DurableTask.AzureStorage finds the instance Running, one of the dedupe statuses, and refuses the start.
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("second"), new StartOrchestrationOptions(id)));

        await Client.RaiseEventAsync(id, RefundOrchestrator.ApprovalEvent, "ok");
        var first = await Client.WaitForCompletionAsync(id);
        Assert.Equal("first", first.ReadOutputAs<RefundOutcome>()!.RefundId);

        // A finished instance is not in the dedupe statuses: a new start replaces it with a new execution.
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("third"), new StartOrchestrationOptions(id));
        await Poll.UntilAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadOutputAs<RefundOutcome>()?.RefundId == "third",
            TestHost.Patience,
            "the replacing execution to complete");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_CompletedIdWithCompletedAsDedupeStatus_Throws()
    {
        const string id = "refund-dedupe-completed";
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("once"), new StartOrchestrationOptions(id));
        await Client.WaitForCompletionAsync(id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RefundOrchestrator), new RefundRequest("again"), new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task TerminateInstanceAsync_WaitingInstance_EndsTerminatedWithOutputAndPurgeRemovesIt()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("t1", WaitForApproval: true));
        await Client.WaitForCustomStatusAsync(id, "waiting-approval");

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Output: "canceled by ops"));
        var terminated = await Client.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("canceled by ops", terminated.ReadOutputAs<string>());

        var purged = await Client.PurgeInstanceAsync(id);
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task SuspendInstanceAsync_WaitingInstance_IsSuspendedUntilResumed()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("s1", WaitForApproval: true));
        await Client.WaitForCustomStatusAsync(id, "waiting-approval");

        await Client.SuspendInstanceAsync(id, "ops looking");
        await Poll.UntilAsync(async () => (await Client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, TestHost.Patience, "Suspended");

        // Events wait while suspended and are delivered on resume.
        await Client.RaiseEventAsync(id, RefundOrchestrator.ApprovalEvent, "while-suspended");
        await Client.ResumeInstanceAsync(id, "done looking");
        var done = await Client.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("while-suspended", done.ReadOutputAs<RefundOutcome>()!.Approval);
    }

    [Fact]
    public async Task GetAllInstancesAsync_ByPrefix_FindsOnlyThoseInstances()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("q1"), new StartOrchestrationOptions("query-a"));
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("q2"), new StartOrchestrationOptions("query-b"));
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("q3"), new StartOrchestrationOptions("other-c"));
        await Client.WaitForCompletionAsync("query-b");

        var found = new List<string>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "query-" }))
        {
            found.Add(instance.InstanceId);
        }

        Assert.Equal(["query-a", "query-b"], found.Order());
    }

    [Fact]
    public async Task RestartAsync_Any_ThrowsNotSupportedNamingTheMember()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => Client.RestartAsync("any"));
        Assert.Contains($"{nameof(TaskHubDurableTaskClient)}.{nameof(DurableTaskClient.RestartAsync)}", error.Message, StringComparison.Ordinal);
    }
}
