using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;

namespace Refunds.DurableHost.Tests;

/// <summary>
/// Where an event goes that an open wait took while an activity ran, once the orchestration continues as new: the
/// engine's answer behind the refund story's passing on of such signals (and behind the scripted Durable's copy of it).
/// </summary>
[Collection(DurableHostCollection.Name)]
public sealed class LateEventTests(DurableHostFixture hosts) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await hosts.HostFor<LateEventTests>();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ContinueAsNew_EventTakenByAnOpenWaitDuringAnActivity_IsNotPreserved()
    {
        Assert.Equal(LateEventOrchestrator.Lost, await RunAsync(passOn: false));
    }

    [Fact]
    public async Task ContinueAsNew_EventTakenByAnOpenWaitAndSentToItself_ReachesTheNextExecution()
    {
        Assert.Equal("received:hello", await RunAsync(passOn: true));
    }

    private async Task<string?> RunAsync(bool passOn)
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LateEventOrchestrator), new LateEventRun(passOn));
        await _host.Client.WaitForCustomStatusAsync(id, "gated");
        await _host.Client.RaiseEventAsync(id, LateEventOrchestrator.NoteEvent, "hello");

        // The event's episode runs while the activity is held; its answer comes after.
        await Task.Delay(TimeSpan.FromSeconds(1));
        GatedActivity.GateOf(id).TrySetResult();
        var done = await _host.Client.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done.ReadOutputAs<string>();
    }
}
