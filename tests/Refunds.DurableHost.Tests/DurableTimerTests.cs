using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests;

[Collection(DurableHostCollection.Name)]
public sealed class DurableTimerTests(DurableHostFixture hosts) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await hosts.HostFor<DurableTimerTests>();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTimer_EventWinsAndTimerIsCancelled()
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrTimeoutOrchestrator), new ApprovalWait(60_000));
        await _host.Client.WaitForCustomStatusAsync(id, "waiting");

        await _host.Client.RaiseEventAsync(id, ApprovalOrTimeoutOrchestrator.ApprovalEvent, "admin");
        var done = await _host.Client.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved:admin", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateTimer_NoEvent_TimerWins()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrTimeoutOrchestrator), new ApprovalWait(2_000));
        var done = await _host.Client.WaitForCompletionAsync(id);

        // Azurite's queue visibility has whole-second granularity, so a durable timer may fire up to ~1 s early.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"a 2 s timer fired after {clock.ElapsedMilliseconds} ms");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ApprovalOrTimeoutOrchestrator.TimedOut, done.ReadOutputAs<string>());
    }
}
