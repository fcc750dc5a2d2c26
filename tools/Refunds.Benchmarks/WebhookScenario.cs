using System.Globalization;

namespace Refunds.Benchmarks;

/// <summary>
/// Webhook ingest (issue 6, item 3): signed events POSTed by concurrent senders; events/s and latency of the answer
/// (verify + insert-if-absent + enqueue), then how fast the queue applies them.
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

        await using var host = await BenchHost.StartAsync(new StripeStandIn.StripeStandInOptions(), WebhookLoad.Settings(args.AppSettings));
        LatencyScenario.PrintSettings(host);
        Console.WriteLine($"Webhooks: {events} events ({duplicatePercent} % re-sends of an earlier event, {unknownPercent} % customer.updated, the rest refund.updated) for {refunds} pending refunds over {orgs} organizations; {concurrency} senders; {warmup} warm-up events first; time limit {timeLimit.TotalSeconds} s for sending and again for draining");

        var pending = await WebhookLoad.SeedPendingRefundsAsync(host, "wh", refunds, orgs);
        var result = await MeasureAsync(host, pending, events, concurrency, duplicatePercent / 100.0, unknownPercent / 100.0, warmup, timeLimit, seed: 6);
        Console.WriteLine();
        Console.WriteLine(Markdown.StatsTable([($"webhook POST → 200, {concurrency} senders", Stats.Of(result.Send.Latencies))]));
        Console.WriteLine(Summary(result, concurrency));
        return result.Send.Failures.Count == 0 && !result.Drain.TimedOut && result.Drain.Processed == result.Drain.DistinctEvents ? 0 : 1;
    }

    public static async Task<WebhookRun> MeasureAsync(BenchHost host, IReadOnlyList<PendingRefund> pending, int events, int concurrency, double duplicateShare, double unknownShare, int warmup, TimeSpan timeLimit, int seed)
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
        var send = await WebhookLoad.SendAsync(host, bodies, concurrency, timeLimit);
        var sent = bodies.Take(send.Sent).ToList();
        foreach (var failure in send.Failures.Take(5))
        {
            Console.Error.WriteLine(failure);
        }

        var drain = await WebhookLoad.DrainAsync(host, sent, send.StartedAt, timeLimit);
        return new WebhookRun(send, drain, sent.Count(e => e.Kind == EventKind.Duplicate), sent.Count(e => e.Kind == EventKind.Unknown), loadBefore, Machine.LoadAverage());
    }

    public static string Summary(WebhookRun run, int concurrency)
    {
        var send = run.Send;
        var drain = run.Drain;
        var processedRate = drain.Processed / drain.LastProcessed.TotalSeconds;
        return Markdown.Table(
            ["quantity", "value"],
            [
                ["load average before → after", $"{run.LoadBefore} → {run.LoadAfter}"],
                ["events sent (of which re-sends / unknown type)", $"{send.Sent} ({run.Duplicates} / {run.Unknown})"],
                ["answers other than 200", send.Failures.Count.ToString(CultureInfo.InvariantCulture)],
                ["answers saying duplicate", send.DuplicateAnswers.ToString(CultureInfo.InvariantCulture)],
                [$"**accepted events/s** ({concurrency} senders, first send → last answer)", $"**{send.AcceptedPerSecond:0}** ({send.Elapsed.TotalSeconds:0.0} s)"],
                ["distinct event ids / marked processed", $"{drain.DistinctEvents} / {drain.Processed}{(drain.TimedOut ? " (drain time limit hit)" : "")}"],
                ["first send → last event processed", $"{drain.LastProcessed.TotalSeconds:0.0} s"],
                ["**events processed/s** (distinct ids over that window)", $"**{processedRate:0}**"],
                ["queue empty, polled from the last answer after", $"{drain.QueueEmptyAfter.TotalSeconds:0.0} s"],
            ]);
    }
}

internal sealed record WebhookRun(SendResult Send, DrainResult Drain, int Duplicates, int Unknown, string LoadBefore, string LoadAfter);
