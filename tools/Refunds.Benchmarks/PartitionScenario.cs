using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;

namespace Refunds.Benchmarks;

/// <summary>
/// Issue 6, item 4: the webhook ingest of <see cref="WebhookScenario"/> and a batch of refund starts, once with
/// everything in one organization (one table partition for the refunds) and once spread over many.
/// </summary>
internal static class PartitionScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var spread = args.Int("orgs", 100);
        var events = args.Int("events", 3000);
        var pendingCount = args.Int("refunds", 300);
        var starts = args.Int("starts", 300);
        var concurrency = args.Int("concurrency", 16);
        var postConcurrency = args.Int("post-concurrency", 16);
        var timeLimit = args.Seconds("time-limit", 120);

        Console.WriteLine($"Partitions: 1 organization vs {spread}, each variant on a fresh app and Azurite (no backlog or table size carried over); webhooks: {events} events (10 % re-sends, 5 % unknown) for {pendingCount} pending refunds, {concurrency} senders; refund starts: {starts} card refunds, {postConcurrency} POSTs in flight; time limit {timeLimit.TotalSeconds} s per phase");
        var variants = new[] { 1, spread };
        var webhookRuns = new List<(int Orgs, WebhookRun Run)>();
        var startRuns = new List<(int Orgs, StartRun Run)>();
        foreach (var orgs in variants)
        {
            await using var host = await BenchHost.StartAsync(new StripeStandIn.StripeStandInOptions(), WebhookLoad.Settings(args.AppSettings));
            if (orgs == 1)
            {
                LatencyScenario.PrintSettings(host);
            }

            var pending = await WebhookLoad.SeedPendingRefundsAsync(host, $"p{orgs}", pendingCount, orgs);
            webhookRuns.Add((orgs, await WebhookScenario.MeasureAsync(host, pending, events, concurrency, 0.10, 0.05, warmup: 200, timeLimit, seed: 4, processDuring: false)));
            startRuns.Add((orgs, await StartsAsync(host, $"s{orgs}", starts, orgs, postConcurrency, timeLimit)));
        }

        Console.WriteLine();
        Console.WriteLine(Markdown.StatsTable(webhookRuns.Select(w => ($"webhook POST → 200, {w.Orgs} org(s)", Stats.Of(w.Run.Send.Latencies)))));
        foreach (var (orgs, run) in webhookRuns)
        {
            Console.WriteLine($"Webhooks, {orgs} organization(s):");
            Console.WriteLine(WebhookScenario.Summary(run, concurrency));
        }

        Console.WriteLine(Markdown.StatsTable(startRuns.SelectMany(s => new[]
        {
            ($"refund POST → 202, {s.Orgs} org(s)", Stats.Of(s.Run.PostMs)),
            ($"refund completedAt − createdAt (server), {s.Orgs} org(s)", Stats.Of(s.Run.ServerMs)),
        })));
        Console.WriteLine(Markdown.Table(
            ["refund starts", "load avg before → after", "accepted / Completed / other", "POSTs answered after", "first POST → last completedAt", "completed refunds/s"],
            startRuns.Select(s => new[]
            {
                $"{s.Orgs} org(s)",
                $"{s.Run.LoadBefore} → {s.Run.LoadAfter}",
                $"{s.Run.Accepted} / {s.Run.ServerMs.Count} / {s.Run.Other}",
                $"{s.Run.PostsDone.TotalSeconds:0.0} s",
                $"{s.Run.Window.TotalSeconds:0.0} s",
                (s.Run.ServerMs.Count / s.Run.Window.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture),
            })));

        var ok = webhookRuns.All(w => w.Run.Send.Failures.Count == 0 && w.Run.Drain.Processed == w.Run.Drain.DistinctEvents)
            && startRuns.All(s => s.Run.Other == 0 && s.Run.ServerMs.Count == starts);
        return ok ? 0 : 1;
    }

    /// <summary>Card refunds Stripe answers succeeded at once, POSTed <paramref name="postConcurrency"/> at a time, then waited for.</summary>
    private static async Task<StartRun> StartsAsync(BenchHost host, string prefix, int count, int orgs, int postConcurrency, TimeSpan timeLimit)
    {
        var sync = host.SyncToken();
        var payments = new BenchPayment[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            payments[i] = await host.SeedPaymentAsync($"org_{prefix}_{i % orgs:D3}", $"acct_{prefix}_{i % orgs:D3}", i, sync));

        var loadBefore = Machine.LoadAverage();
        using var deadline = new CancellationTokenSource(timeLimit);
        var refundIds = new string?[count];
        var postMs = new ConcurrentBag<double>();
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = postConcurrency, CancellationToken = deadline.Token }, async (i, ct) =>
        {
            var sent = Stopwatch.GetTimestamp();
            refundIds[i] = await host.StartRefundAsync(payments[i], ct);
            postMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        });
        var postsDone = clock.Elapsed;

        // No orchestration of these refunds Pending or Running any more (one instance query every 500 ms), then one
        // status read each.
        var started = refundIds.Where(id => id is not null).Select(id => id!).ToHashSet(StringComparer.Ordinal);
        while (!deadline.IsCancellationRequested
            && (await host.InstancesAsync(startedAt - TimeSpan.FromSeconds(5), statuses: [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running])).Any(i => started.Contains(i.InstanceId)))
        {
            await Task.Delay(500, CancellationToken.None);
        }

        var statuses = new ConcurrentBag<RefundStatus>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count).Where(i => refundIds[i] is not null), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            statuses.Add(await host.GetStatusAsync(payments[i].Org, refundIds[i]!, CancellationToken.None)));
        var completed = statuses.Where(s => s is { RuntimeStatus: "Completed", CompletedAt: not null }).ToList();
        var window = completed.Count > 0 ? completed.Max(s => s.CompletedAt!.Value) - startedAt : TimeSpan.Zero;
        return new StartRun(
            refundIds.Count(id => id is not null),
            statuses.Count - completed.Count,
            postMs.ToList(),
            completed.Select(s => (s.CompletedAt!.Value - s.CreatedAt).TotalMilliseconds).ToList(),
            postsDone,
            window,
            loadBefore,
            Machine.LoadAverage());
    }
}

/// <param name="Other">Accepted refunds not Completed when their orchestrations had ended (or the limit passed).</param>
internal sealed record StartRun(int Accepted, int Other, List<double> PostMs, List<double> ServerMs, TimeSpan PostsDone, TimeSpan Window, string LoadBefore, string LoadAfter);
