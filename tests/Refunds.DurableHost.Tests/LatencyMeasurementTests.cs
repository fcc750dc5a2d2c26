using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Refunds.DurableHost.Tests.Support;
using Refunds.DurableHost.Tests.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refunds.DurableHost.Hosting;
using Xunit.Abstractions;

namespace Refunds.DurableHost.Tests;

/// <summary>
/// Not a benchmark: a rough number for reports (printed with `--logger "console;verbosity=detailed"`), with a loose
/// bound that catches only an order-of-magnitude regression such as polling falling back to DTF's 30 s default.
/// </summary>
[Collection(DurableHostCollection.Name)]
public sealed class LatencyMeasurementTests(DurableHostFixture hosts, ITestOutputHelper output)
{
    private const int Runs = 20;

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_TwentySequentialTwoActivityRuns_MedianIsWellUnderASecond()
    {
        var host = await hosts.HostFor<LatencyMeasurementTests>();
        var options = host.Services.GetRequiredService<IOptions<DurableHostOptions>>().Value;

        // Warm-up: JIT and the first queue polls are not what is measured.
        await host.Client.WaitForCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest("warm")));

        var timings = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RefundOrchestrator), new RefundRequest($"l{i}"));
            var done = await host.Client.WaitForCompletionAsync(id);
            timings.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        }

        timings.Sort();
        var median = (timings[(Runs / 2) - 1] + timings[Runs / 2]) / 2;
        output.WriteLine(
            $"2-activity orchestration, client schedule -> completed seen, {Runs} sequential in one process: median {median:F0} ms, " +
            $"min {timings[0]:F0} ms, max {timings[^1]:F0} ms (MaxQueuePollingInterval {options.MaxQueuePollingInterval.TotalMilliseconds} ms, client polling {options.ClientPollingInterval.TotalMilliseconds} ms, {options.PartitionCount} partition)");
        Assert.True(median < 2_000, $"median {median:F0} ms");
    }
}
