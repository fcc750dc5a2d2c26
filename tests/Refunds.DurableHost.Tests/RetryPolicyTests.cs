using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;
using Xunit.Abstractions;

namespace Refunds.DurableHost.Tests;

[Collection(DurableHostCollection.Name)]
public sealed class RetryPolicyTests(DurableHostFixture hosts, ITestOutputHelper output) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await hosts.HostFor<RetryPolicyTests>();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CallActivityAsync_TransientFailuresWithinRetryPolicy_RetriesAndCompletes()
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FlakyOrchestrator), new FlakyRequest(FailuresBeforeSuccess: 2, MaxAttempts: 4));
        var done = await _host.Client.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(3, FlakyActivity.Attempts[id]);
    }

    [Fact]
    public async Task CallActivityAsync_FailuresBeyondRetryPolicy_FailsWithTheActivitysError()
    {
        var id = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FlakyOrchestrator), new FlakyRequest(FailuresBeforeSuccess: 5, MaxAttempts: 2));
        var done = await _host.Client.WaitForCompletionAsync(id);
        output.WriteLine($"failure: {done.FailureDetails}");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(2, FlakyActivity.Attempts[id]);
        Assert.NotNull(done.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails.ErrorType);
        Assert.Contains("Transient failure 2 of 5", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}
