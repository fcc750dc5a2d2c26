using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;
using Xunit.Abstractions;

namespace Refunds.DurableHost.Tests;

[Collection(DurableHostCollection.Name)]
public sealed class CrashRecoveryTests(DurableHostFixture hosts, ITestOutputHelper output)
{
    // The host that takes an activity message sets how long it stays hidden; both hosts use the short value so the
    // second one sees the abandoned message after seconds rather than DTF's 5 minutes.
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task CrashedWorker_ActivityInFlight_NewHostOnSameHubCompletesTheOrchestration()
    {
        var hub = AzuriteFixture.NewName("crash");
        var first = await TestHost.StartAsync(hosts.Azurite, hub, o => o.WorkItemQueueVisibilityTimeout = Visibility);
        CrashProneActivity.HangFirstRun = true;
        string id;
        try
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CrashOrchestrator), "refund-c1");
            var started = CrashProneActivity.FirstRunStarted.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await started.Task.WaitAsync(TestHost.Patience);
        }
        finally
        {
            CrashProneActivity.HangFirstRun = false;
        }

        await first.CrashAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await using var second = await TestHost.StartAsync(hosts.Azurite, hub, o => o.WorkItemQueueVisibilityTimeout = Visibility);
        var done = await second.Client.WaitForCompletionAsync(id);
        output.WriteLine($"recovered {clock.ElapsedMilliseconds} ms after the crash; activity runs: {CrashProneActivity.Runs[id]}");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("done:refund-c1@run2", done.ReadOutputAs<string>());

        // At least once: the abandoned run and the redelivered one.
        Assert.True(CrashProneActivity.Runs[id] >= 2, $"runs: {CrashProneActivity.Runs[id]}");
    }
}
