using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Benchmarks.Durable;
using Refunds.DurableHost.Hosting;
using Refunds.TestSupport;

namespace Refunds.Benchmarks;

/// <summary>
/// The Durable Task engine alone (functions/Refunds.DurableHost on Azurite, a fresh task hub): a 2-activity
/// orchestration with trivial activities, client schedule → the client's wait sees it completed, one at a time.
/// Groundwork for the Durable Functions move; not the refund flow.
/// </summary>
internal static class DurableLatencyScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var defaults = new DurableHostOptions();
        var count = args.Int("count", 20);
        var warmup = args.Int("warmup", 1);
        var queuePolling = args.Milliseconds("poll-ms", (int)defaults.MaxQueuePollingInterval.TotalMilliseconds);
        var clientPolling = args.Milliseconds("client-poll-ms", (int)defaults.ClientPollingInterval.TotalMilliseconds);
        var partitions = args.Int("partitions", defaults.PartitionCount);

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var taskHub = AzuriteFixture.NewName("benchdurable");
            using var host = await StartHostAsync(azurite, taskHub, queuePolling, clientPolling, partitions);
            var options = host.Services.GetRequiredService<IOptions<DurableHostOptions>>().Value;
            Console.WriteLine(
                $"Durable host (functions/Refunds.DurableHost, DurableTask.Core + DurableTask.AzureStorage) on Azurite, fresh task hub {taskHub}, in this process: " +
                $"MaxQueuePollingInterval={options.MaxQueuePollingInterval.TotalMilliseconds} ms, ClientPollingInterval={options.ClientPollingInterval.TotalMilliseconds} ms, " +
                $"PartitionCount={options.PartitionCount}, MaxConcurrentOrchestrations={options.MaxConcurrentOrchestrations}, MaxConcurrentActivities={options.MaxConcurrentActivities}");
            Console.WriteLine($"{nameof(PingPongOrchestrator)}: 2 activities that return at once; {warmup} warm-up run(s), then {count} one at a time");

            var client = host.Services.GetRequiredService<DurableTaskClient>();
            for (var i = 0; i < warmup; i++)
            {
                await OneAsync(client, $"warm{i}");
            }

            var loadBefore = Machine.LoadAverage();
            var observed = new List<double>();
            var engine = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var (observedMs, engineMs) = await OneAsync(client, $"run{i}");
                observed.Add(observedMs);
                engine.Add(engineMs);
            }

            Console.WriteLine($"Measured runs: {loadBefore} before, {Machine.LoadAverage()} after");
            Console.WriteLine();
            Console.WriteLine(Markdown.StatsTable(
            [
                ("schedule → completion seen by the client (observed)", Stats.Of(observed)),
                ("instance CreatedAt → LastUpdatedAt (engine's timestamps)", Stats.Of(engine)),
            ]));
            await host.StopAsync();
            return 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<IHost> StartHostAsync(AzuriteFixture azurite, string taskHub, TimeSpan queuePolling, TimeSpan clientPolling, int partitions)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableHost(
            options =>
            {
                options.TaskHubName = taskHub;
                options.StorageConnectionString = azurite.ConnectionString;
                options.MaxQueuePollingInterval = queuePolling;
                options.ClientPollingInterval = clientPolling;
                options.PartitionCount = partitions;
            },
            tasks => tasks
                .AddOrchestrator<PingPongOrchestrator>()
                .AddActivity<PingActivity>()
                .AddActivity<PongActivity>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <returns>Schedule called → wait returned, and the engine's own created → last updated, in ms.</returns>
    private static async Task<(double ObservedMs, double EngineMs)> OneAsync(DurableTaskClient client, string input)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = Stopwatch.GetTimestamp();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(PingPongOrchestrator), input, timeout.Token);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var observed = Stopwatch.GetElapsedTime(started);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<string>() != input + ":ping:pong")
        {
            throw new InvalidOperationException($"Orchestration {id} ended {done.RuntimeStatus} with output {done.SerializedOutput}.");
        }

        return (observed.TotalMilliseconds, (done.LastUpdatedAt - done.CreatedAt).TotalMilliseconds);
    }
}
