using System.Diagnostics;
using Refunds.StripeStandIn;

namespace Refunds.Benchmarks;

/// <summary>
/// Card refunds that Stripe answers <c>succeeded</c> at once: POST → status API reports Completed, first one at a
/// time, then in batches started together.
/// </summary>
internal static class LatencyScenario
{
    public const string Org = "org_bench_latency";
    public const string Account = "acct_bench_latency";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var count = args.Int("count", 50);
        var warmup = args.Int("warmup", 5);
        var concurrency = args.Int("concurrency", 20);
        var rounds = args.Int("rounds", 3);
        var poll = args.Milliseconds("poll-ms", 10);
        var gap = args.Milliseconds("gap-ms", 0);

        await using var host = await BenchHost.StartAsync(new StripeStandInOptions(), args.AppSettings);
        PrintSettings(host);
        var samples = await MeasureAsync(host, warmup, count, concurrency, rounds, poll, gap);
        Console.WriteLine();
        Console.WriteLine(Markdown.StatsTable(samples.Rows()));
        Console.WriteLine(samples.CpuLine());
        return 0;
    }

    public static void PrintSettings(BenchHost host)
    {
        Console.WriteLine($"App settings on top of appsettings.json: {Markdown.Settings(host.Settings)}");
        Console.WriteLine(host.DurableSettingsLine());
    }

    public static async Task<LatencySamples> MeasureAsync(BenchHost host, int warmup, int count, int concurrency, int rounds, TimeSpan poll, TimeSpan gap)
    {
        var sync = host.SyncToken();
        var payments = new List<BenchPayment>();
        for (var i = 0; i < warmup + count + (concurrency * rounds); i++)
        {
            payments.Add(await host.SeedPaymentAsync(Org, Account, i, sync));
        }

        var next = 0;
        for (var i = 0; i < warmup; i++)
        {
            await OneAsync(host, payments[next++], poll);
        }

        var samples = new LatencySamples();
        var cpu = CpuClock.Start();
        for (var i = 0; i < count; i++)
        {
            if (gap > TimeSpan.Zero)
            {
                // Random, so that arrivals do not keep the same phase against the listener's backoff schedule.
                await Task.Delay(gap * (1 + Random.Shared.NextDouble()));
            }

            samples.Sequential.Add(await OneAsync(host, payments[next++], poll));
        }

        samples.SequentialCpu = cpu.PerItem(count);
        samples.SequentialLoad = Machine.LoadAverage();
        cpu = CpuClock.Start();

        for (var round = 0; round < rounds; round++)
        {
            var batch = payments.Skip(next).Take(concurrency).ToList();
            next += concurrency;
            samples.Concurrent.AddRange(await Task.WhenAll(batch.Select(p => Task.Run(() => OneAsync(host, p, poll)))));
        }

        samples.ConcurrentCpu = cpu.PerItem(concurrency * rounds);
        samples.Concurrency = concurrency;
        return samples;
    }

    private static async Task<Sample> OneAsync(BenchHost host, BenchPayment payment, TimeSpan poll)
    {
        var started = Stopwatch.GetTimestamp();
        var refundId = await host.StartRefundAsync(payment, CancellationToken.None);
        var accepted = Stopwatch.GetElapsedTime(started);
        var (status, seenAt) = await host.WaitTerminalAsync(payment.Org, refundId, poll, TimeSpan.FromSeconds(60));
        if (status.RuntimeStatus != "Completed" || status.CompletedAt is not { } completedAt)
        {
            throw new InvalidOperationException($"Refund {refundId} ended {status.RuntimeStatus}.");
        }

        return new Sample(
            accepted.TotalMilliseconds,
            Stopwatch.GetElapsedTime(started, seenAt).TotalMilliseconds,
            (completedAt - status.CreatedAt).TotalMilliseconds);
    }
}

/// <param name="PostMs">POST until 202.</param>
/// <param name="ObservedMs">POST sent until the status API answered Completed (includes polling granularity).</param>
/// <param name="ServerMs">The workflow's own completedAt minus createdAt (clock of the app).</param>
internal sealed record Sample(double PostMs, double ObservedMs, double ServerMs);

internal sealed class LatencySamples
{
    public List<Sample> Sequential { get; } = [];

    public List<Sample> Concurrent { get; } = [];

    public int Concurrency { get; set; }

    public CpuUse SequentialCpu { get; set; } = new(0, 0);

    public CpuUse ConcurrentCpu { get; set; } = new(0, 0);

    public string SequentialLoad { get; set; } = "";

    /// <summary>CPU per refund (this process: client + app + engine; Azurite), and the load average after the one-at-a-time part.</summary>
    public string CpuLine() =>
        $"CPU per refund, this process (client + app + Durable engine) / Azurite: one at a time {SequentialCpu.OwnMs:0.0} ms / {SequentialCpu.AzuriteMs:0.0} ms" +
        (Concurrent.Count > 0 ? $"; {Concurrency} at once {ConcurrentCpu.OwnMs:0.0} ms / {ConcurrentCpu.AzuriteMs:0.0} ms" : "") +
        $" (includes the 10 ms status polling); {SequentialLoad} after the one-at-a-time part";

    public IEnumerable<(string, Stats)> Rows()
    {
        yield return ("one at a time: POST → 202", Stats.Of(Sequential.Select(s => s.PostMs).ToList()));
        yield return ("one at a time: POST → status Completed (observed)", Stats.Of(Sequential.Select(s => s.ObservedMs).ToList()));
        yield return ("one at a time: completedAt − createdAt (server)", Stats.Of(Sequential.Select(s => s.ServerMs).ToList()));
        if (Concurrent.Count > 0)
        {
            yield return ($"{Concurrency} at once: POST → 202", Stats.Of(Concurrent.Select(s => s.PostMs).ToList()));
            yield return ($"{Concurrency} at once: POST → status Completed (observed)", Stats.Of(Concurrent.Select(s => s.ObservedMs).ToList()));
            yield return ($"{Concurrency} at once: completedAt − createdAt (server)", Stats.Of(Concurrent.Select(s => s.ServerMs).ToList()));
        }
    }
}

/// <summary>CPU used from <see cref="Start"/> on by this process and by Azurite (its child), from /proc.</summary>
internal readonly record struct CpuClock(TimeSpan Own, double AzuriteSeconds)
{
    public static CpuClock Start() => new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, Machine.ChildrenCpuSeconds());

    public CpuUse PerItem(int items) => items <= 0
        ? new CpuUse(0, 0)
        : new CpuUse(
            (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - Own).TotalMilliseconds / items,
            (Machine.ChildrenCpuSeconds() - AzuriteSeconds) * 1000 / items);
}
