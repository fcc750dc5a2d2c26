using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Refunds.TestSupport;

namespace Refunds.DurableHost.Tests;

[Collection(DurableHostCollection.Name)]
public sealed class DependencyScopeTests(DurableHostFixture hosts)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ScopedDependencies_EachEpisodeAndActivityGetsAScopeThatIsDisposed()
    {
        var host = await hosts.HostFor<DependencyScopeTests>();
        var createdBefore = ScopeProbe.Created;

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProbedOrchestrator), "scoped");
        var done = await host.Client.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("scoped!", done.ReadOutputAs<string>());

        // Two orchestration episodes (start, then the activity's result) and one activity run: three scopes at least.
        Assert.True(ScopeProbe.Created - createdBefore >= 3, $"created {ScopeProbe.Created - createdBefore}");
        await Poll.UntilAsync(() => ScopeProbe.Disposed == ScopeProbe.Created, TestHost.Patience, "every scope to be disposed");
    }
}
