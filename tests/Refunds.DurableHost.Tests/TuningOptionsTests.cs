using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests;

/// <summary>
/// The DTF settings the app's <c>Durable</c> section can turn: extended sessions (the orchestrator object lives on
/// between episodes while its DI scope is disposed after each one) and no instance-row check of start messages.
/// </summary>
[Collection(DurableHostCollection.Name)]
public sealed class TuningOptionsTests(DurableHostFixture hosts) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(hosts.Azurite, "tuning" + Guid.NewGuid().ToString("N")[..12], options =>
        {
            options.ExtendedSessionsEnabled = true;
            options.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(5);
            options.DisableExecutionStartedDeduplication = true;
            options.ControlQueueBatchSize = 8;
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ExtendedSessionsAndNoStartCheck_RunsActivitiesEventAndCompletes()
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RefundOrchestrator), new RefundRequest("x1", WaitForApproval: true), new StartOrchestrationOptions("tuned-x1"));
        await _host.Client.WaitForCustomStatusAsync(id, "waiting-approval");

        await _host.Client.RaiseEventAsync(id, RefundOrchestrator.ApprovalEvent, "approved");
        var done = await _host.Client.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new RefundOutcome("x1", "re_x1", 2, "approved"), done.ReadOutputAs<RefundOutcome>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SameIdWhileRunningWithoutStartCheck_ClientStillRefuses()
    {
        const string id = "tuned-twice";
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("first", WaitForApproval: true), new StartOrchestrationOptions(id));
        await _host.Client.WaitForCustomStatusAsync(id, "waiting-approval");

        // The worker-side check is off; the client's own status check before sending still refuses a live id.
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("second"), new StartOrchestrationOptions(id)));

        await _host.Client.RaiseEventAsync(id, RefundOrchestrator.ApprovalEvent, "ok");
        Assert.Equal("first", (await _host.Client.WaitForCompletionAsync(id)).ReadOutputAs<RefundOutcome>()!.RefundId);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ScopedDependenciesWithExtendedSessions_EveryScopeIsDisposed()
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProbedOrchestrator), "kept");
        var done = await _host.Client.WaitForCompletionAsync(id);

        Assert.Equal("kept!", done.ReadOutputAs<string>());
        await Poll.UntilAsync(() => ScopeProbe.Disposed == ScopeProbe.Created, TestHost.Patience, "every scope to be disposed");
    }
}
