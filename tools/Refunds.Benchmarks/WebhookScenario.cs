using System.Diagnostics;
using System.Globalization;

namespace Refunds.Benchmarks;

/// <summary>
/// Webhook ingest: signed events POSTed by concurrent senders; events/s and latency of the answer (verify, record the
/// event id once, apply it to the ledger by key, signal the refund's orchestration), then when every event is seen
/// applied in the event log. Row names stay those of earlier versions, so runs compare across them.
/// </summary>
internal static class WebhookScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var events = args.Int("events", 5000);
        var refunds = args.Int("refunds", 500);
        var orgs = args.Int("orgs", 10);
        var concurrency = args.Int("concurrency", 16);
        var duplicatePercent = args.Int("duplicate-percent", 10);
        var unknownPercent = args.Int("unknown-percent", 5);
        var warmup = args.Int("warmup", 200);
        var timeLimit = args.Seconds("time-limit", 120);
        var profile = args.Int("profile", 0);
        var processDuring = args.Int("process-during", 0) != 0;

        await using var host = await BenchHost.StartAsync(new StripeStandIn.StripeStandInOptions(), WebhookLoad.Settings(args.AppSettings));
        LatencyScenario.PrintSettings(host);
        Console.WriteLine($"Webhooks: {events} events ({duplicatePercent} % re-sends of an earlier event, {unknownPercent} % customer.updated, the rest refund.updated) for {refunds} pending refunds over {orgs} organizations; {concurrency} senders; {warmup} warm-up events first; time limit {timeLimit.TotalSeconds} s for sending and again for draining");

        var pending = await WebhookLoad.SeedPendingRefundsAsync(host, "wh", refunds, orgs);
        if (profile > 0)
        {
            Console.WriteLine($"Profile, {profile} of each, one at a time (load average {Machine.LoadAverage()}):");
            Console.WriteLine(await WebhookProfile.RunAsync(host, pending, profile));
        }

        var result = await MeasureAsync(host, pending, events, concurrency, duplicatePercent / 100.0, unknownPercent / 100.0, warmup, timeLimit, seed: 6, processDuring);
        Console.WriteLine();
        Console.WriteLine(Markdown.StatsTable([($"webhook POST → 200, {concurrency} senders", Stats.Of(result.Send.Latencies))]));
        Console.WriteLine(Summary(result, concurrency));
        return result.Send.Failures.Count == 0 && !result.Drain.TimedOut && result.Drain.Processed == result.Drain.DistinctEvents ? 0 : 1;
    }

    public static async Task<WebhookRun> MeasureAsync(BenchHost host, IReadOnlyList<PendingRefund> pending, int events, int concurrency, double duplicateShare, double unknownShare, int warmup, TimeSpan timeLimit, int seed, bool processDuring)
    {
        if (warmup > 0)
        {
            // Warm-up events of their own (unknown type): JIT, connection pool and Azurite's tables, not measured.
            var warm = WebhookLoad.BuildEvents(pending, warmup, 0, 1, seed + 1000);
            await WebhookLoad.SendAsync(host, warm, concurrency, timeLimit);
            await WebhookLoad.DrainAsync(host, warm, TimeProvider.System.GetUtcNow(), timeLimit);
        }

        var bodies = WebhookLoad.BuildEvents(pending, events, duplicateShare, unknownShare, seed);
        var loadBefore = Machine.LoadAverage();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteCpu = Machine.ChildrenCpuSeconds();
        if (!processDuring)
        {
            // Ingest alone: the Durable worker (every orchestration and activity) is stopped until every event has been
            // answered, then a worker is started again. The webhook applies each event itself; only the refunds'
            // orchestrations, which its signals wake, wait for the worker.
            await host.StopWorkerAsync();
        }

        var send = await WebhookLoad.SendAsync(host, bodies, concurrency, timeLimit);
        var cpu = new CpuUse(
            (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds / send.Sent,
            (Machine.ChildrenCpuSeconds() - azuriteCpu) * 1000 / send.Sent);
        var sent = bodies.Take(send.Sent).ToList();
        foreach (var failure in send.Failures.Take(5))
        {
            Console.Error.WriteLine(failure);
        }

        var drainFrom = send.StartedAt;
        if (!processDuring)
        {
            drainFrom = TimeProvider.System.GetUtcNow();
            var workerStart = Stopwatch.StartNew();
            await host.StartWorkerAsync();
            Console.WriteLine($"Worker started again (a second instance of the app on the same hub) in {workerStart.Elapsed.TotalSeconds:0.0} s; the drain counts from before that start");
        }

        var drain = await WebhookLoad.DrainAsync(host, sent, drainFrom, timeLimit);
        return new WebhookRun(processDuring, send, drain, sent.Count(e => e.Kind == EventKind.Duplicate), sent.Count(e => e.Kind == EventKind.Unknown), loadBefore, Machine.LoadAverage(), cpu);
    }

    public static string Summary(WebhookRun run, int concurrency)
    {
        var send = run.Send;
        var drain = run.Drain;
        // Applied in the request, every event is processed before the worker restarts: the rate is then the ingest's.
        var appliedInRequest = drain.LastProcessed <= TimeSpan.Zero;
        var processedRate = drain.Processed / (appliedInRequest ? send.Elapsed : drain.LastProcessed).TotalSeconds;
        return Markdown.Table(
            ["quantity", "value"],
            [
                ["load average before → after", $"{run.LoadBefore} → {run.LoadAfter}"],
                ["events sent (of which re-sends / unknown type)", $"{send.Sent} ({run.Duplicates} / {run.Unknown})"],
                ["events' orchestrations running while sending", run.ProcessDuring ? "yes (Durable worker running)" : "no (Durable worker stopped until the last answer, then a second app instance runs it to drain)"],
                [$"CPU per event while sending: this process (client + app{(run.ProcessDuring ? " + processing" : "")}) / Azurite", $"{run.Cpu.OwnMs:0.00} ms / {run.Cpu.AzuriteMs:0.00} ms"],
                ["answers other than 200", send.Failures.Count.ToString(CultureInfo.InvariantCulture)],
                ["answers saying duplicate", send.DuplicateAnswers.ToString(CultureInfo.InvariantCulture)],
                [$"**accepted events/s** ({concurrency} senders, first send → last answer)", $"**{send.AcceptedPerSecond:0}** ({send.Elapsed.TotalSeconds:0.0} s)"],
                ["distinct event ids / marked processed (ProcessedAt in the event log)", $"{drain.DistinctEvents} / {drain.Processed}{(drain.TimedOut ? " (drain time limit hit)" : "")}"],
                ["their stripe-event-{id} orchestrations, by runtime status (missing; none since events are applied in the request)", $"{drain.InstancesByStatus} ({drain.InstancesMissing})"],
                [run.ProcessDuring ? "first send → last event processed" : "worker start (second app instance) → last event processed", appliedInRequest ? "all processed before it (applied in the request)" : $"{drain.LastProcessed.TotalSeconds:0.0} s"],
                ["**events processed/s** (distinct ids over that window)", $"**{processedRate:0}**"],
                ["CPU per processed event while draining: this process / Azurite", $"{drain.Cpu.OwnMs:0.00} ms / {drain.Cpu.AzuriteMs:0.00} ms"],
                ["all sent events seen processed, counted from the last answer (or the worker restart), event log read once a second", $"{drain.AllProcessedSeenAfter.TotalSeconds:0.0} s"],
            ]);
    }
}

internal sealed record WebhookRun(bool ProcessDuring, SendResult Send, DrainResult Drain, int Duplicates, int Unknown, string LoadBefore, string LoadAfter, CpuUse Cpu);

internal sealed record CpuUse(double OwnMs, double AzuriteMs);
