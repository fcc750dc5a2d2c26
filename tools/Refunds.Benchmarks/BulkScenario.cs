using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Refunds.StripeStandIn;

namespace Refunds.Benchmarks;

/// <summary>
/// Many refunds started at once against a stand-in that rate-limits like Stripe test mode: how close do we get to
/// the allowed create rate, how many 429s do we cause, and does any refund fail because of them.
/// </summary>
internal static class BulkScenario
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var refunds = args.Int("refunds", 2000);
        var orgs = args.Int("orgs", 20);
        var accounts = args.Int("accounts", 1);
        var rate = args.Int("rate", 25);
        var timeLimit = args.Seconds("time-limit", 240);
        var postConcurrency = args.Int("post-concurrency", 32);

        // Each 429 retry logs a warning; thousands of console lines would cost more CPU than the refunds. The stand-in counts them.
        var settings = new Dictionary<string, string?>(args.AppSettings, StringComparer.OrdinalIgnoreCase);
        settings.TryAdd("Logging:LogLevel:Refunds.Stripe", "Error");
        await using var host = await BenchHost.StartAsync(new StripeStandInOptions { RateLimitPerSecond = rate }, settings);
        LatencyScenario.PrintSettings(host);
        Console.WriteLine($"Bulk: {refunds} refunds over {orgs} organizations and {accounts} connected account(s); stand-in RateLimitPerSecond={rate} (one bucket for all accounts); time limit {timeLimit.TotalSeconds} s after the first POST");

        var seedClock = Stopwatch.StartNew();
        var sync = host.SyncToken();
        var payments = new BenchPayment[refunds];
        await Parallel.ForEachAsync(Enumerable.Range(0, refunds), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            payments[i] = await host.SeedPaymentAsync($"org_bulk_{i % orgs:D3}", $"acct_bulk_{i % accounts:D3}", i, sync));
        Console.WriteLine($"Seeded {refunds} payments (3 Sync API PUTs each) in {seedClock.Elapsed.TotalSeconds:0.0} s");

        using var deadline = new CancellationTokenSource(timeLimit);
        var requestsBefore = host.Stripe.Requests.Count;
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var refundIds = new string?[refunds];
        var postFailures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, refunds), new ParallelOptions { MaxDegreeOfParallelism = postConcurrency, CancellationToken = deadline.Token }, async (i, ct) =>
        {
            try
            {
                refundIds[i] = await host.StartRefundAsync(payments[i], ct);
            }
            catch (InvalidOperationException ex)
            {
                Interlocked.Increment(ref postFailures);
                Console.Error.WriteLine(ex.Message);
            }
        });
        var allAccepted = clock.Elapsed;
        Console.WriteLine($"All {refunds} POSTs answered in {allAccepted.TotalSeconds:0.0} s ({postFailures} not accepted)");

        // Cheap progress from the stand-in's request log, then the status API once Stripe has seen every refund.
        var lastPrint = TimeSpan.Zero;
        while (!deadline.IsCancellationRequested && CreatesSucceeded(host, requestsBefore) < refunds - postFailures)
        {
            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(10))
            {
                lastPrint = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0} s: {CreatesSucceeded(host, requestsBefore)} refunds created at Stripe");
            }

            await Task.Delay(500, CancellationToken.None);
        }

        // Then until no refund orchestration of this run is Pending or Running (one instance query a second), before
        // the status sweep: polling 2,000 statuses a second would take the CPU the app needs.
        var started = refundIds.Where(id => id is not null).Select(id => id!).ToHashSet(StringComparer.Ordinal);
        var createdFrom = startedAt - TimeSpan.FromSeconds(5);
        while (!deadline.IsCancellationRequested
            && (await host.InstancesAsync(createdFrom, statuses: [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running])).Any(i => started.Contains(i.InstanceId)))
        {
            await Task.Delay(1000, CancellationToken.None);
        }

        var pending = Enumerable.Range(0, refunds).Where(i => refundIds[i] is not null).ToList();
        var outcomes = new Dictionary<int, RefundStatus>();
        var withRecordedError = 0;
        while (pending.Count > 0 && !deadline.IsCancellationRequested)
        {
            var statuses = new RefundStatus?[refunds];
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var status = await host.GetStatusAsync(payments[i].Org, refundIds[i]!, CancellationToken.None);
                if (status.RuntimeStatus is "Completed" or "Failed" or "Canceled")
                {
                    statuses[i] = status;
                }
            });
            foreach (var i in pending.Where(i => statuses[i] is not null).ToList())
            {
                outcomes[i] = statuses[i]!;
            }

            pending = pending.Where(i => statuses[i] is null).ToList();
            if (pending.Count > 0)
            {
                await Task.Delay(1000, CancellationToken.None);
            }
        }

        var elapsed = clock.Elapsed;
        withRecordedError = await CountRecordedErrorsAsync(host, payments, refundIds);
        var creates = host.Stripe.Requests.Skip(requestsBefore).Where(r => r is { Method: "POST", Path: "/v1/refunds" }).ToList();
        var succeeded = creates.Where(r => r.Status == 200).OrderBy(r => r.At).ToList();
        var limited = creates.Count(r => r.Status == 429);
        var otherErrors = creates.Count(r => r.Status is not 200 and not 429);
        var window = succeeded.Count > 1 ? (succeeded[^1].At - succeeded[0].At).TotalSeconds : double.NaN;
        var achieved = succeeded.Count > 1 ? (succeeded.Count - 1) / window : double.NaN;
        var perSecond = succeeded.GroupBy(r => (long)(r.At - succeeded[0].At).TotalSeconds).Select(g => (double)g.Count()).ToList();
        var steady = perSecond.Count > 2 ? Stats.Of(perSecond.Skip(1).SkipLast(1).ToList()) : Stats.Of(perSecond);
        var completed = outcomes.Values.Count(s => s.RuntimeStatus == "Completed");
        var failed = outcomes.Values.Count(s => s.RuntimeStatus != "Completed");
        var unfinished = refunds - postFailures - outcomes.Count;
        var lastCompleted = outcomes.Values.Where(s => s.CompletedAt is not null).Select(s => s.CompletedAt!.Value).DefaultIfEmpty(startedAt).Max();
        var instances = (await host.InstancesAsync(createdFrom)).Where(i => started.Contains(i.InstanceId)).ToList();
        var instancesCompleted = instances.Where(i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed).ToList();
        var instancesFailed = instances.Where(i => i.RuntimeStatus == OrchestrationRuntimeStatus.Failed).ToList();
        var instancesOther = instances.Count - instancesCompleted.Count - instancesFailed.Count;
        var instancesMissing = started.Count - instances.Count;
        var orchestrationWindow = instancesCompleted.Count > 0 ? instancesCompleted.Max(i => i.LastUpdatedAt) - startedAt : TimeSpan.Zero;
        var orchestrationsPerSecond = instancesCompleted.Count / orchestrationWindow.TotalSeconds;
        foreach (var failedInstance in instancesFailed.Take(3))
        {
            Console.Error.WriteLine($"Orchestration {failedInstance.InstanceId} Failed: {failedInstance.FailureDetails?.ErrorType}: {failedInstance.FailureDetails?.ErrorMessage}");
        }
        var allStripe = host.Stripe.Requests.Skip(requestsBefore).ToList();

        Console.WriteLine();
        Console.WriteLine(Markdown.Table(
            ["quantity", "value"],
            [
                ["refunds started (202)", (refunds - postFailures).ToString(CultureInfo.InvariantCulture)],
                ["organizations / connected accounts", $"{orgs} / {accounts}"],
                ["all POSTs answered after", $"{allAccepted.TotalSeconds:0.0} s"],
                ["first POST → last completedAt", $"{(lastCompleted - startedAt).TotalSeconds:0.0} s"],
                ["Stripe create calls: succeeded / 429 / other errors", $"{succeeded.Count} / {limited} / {otherErrors}"],
                ["all Stripe requests / 429s among them", $"{allStripe.Count} / {allStripe.Count(r => r.Status == 429)}"],
                ["achieved create rate (first → last success)", $"{achieved:0.0}/s = {achieved / rate:P0} of {rate}/s over {window:0.0} s"],
                ["successful creates per whole second (median, min, max; first/last second excluded)", $"{steady.Median:0} , {steady.Min:0} , {steady.Max:0}"],
                ["refunds Completed / Failed or Canceled / unfinished at the limit", $"{completed} / {failed} / {unfinished}"],
                ["refunds whose history records a transient error (Polly attempts exhausted)", withRecordedError.ToString(CultureInfo.InvariantCulture)],
                ["refund orchestrations: Completed / Failed / other (not Completed at the end) / never created", $"{instancesCompleted.Count} / {instancesFailed.Count} / {instancesOther} / {instancesMissing}"],
                ["**orchestrations/s** (refund orchestrations Completed ÷ first POST → last one's LastUpdatedAt)", $"**{orchestrationsPerSecond:0.0}** ({instancesCompleted.Count} in {orchestrationWindow.TotalSeconds:0.0} s)"],
                ["wall time until all terminal (or the limit)", $"{elapsed.TotalSeconds:0.0} s"],
            ]));
        return failed == 0 && unfinished == 0 && postFailures == 0 && instancesCompleted.Count == started.Count ? 0 : 1;
    }

    private static int CreatesSucceeded(BenchHost host, int skip) =>
        host.Stripe.Requests.Skip(skip).Count(r => r is { Method: "POST", Path: "/v1/refunds", Status: 200 });

    private static async Task<int> CountRecordedErrorsAsync(BenchHost host, BenchPayment[] payments, string?[] refundIds)
    {
        var count = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, payments.Length).Where(i => refundIds[i] is not null), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            if (await host.HasErrorInHistoryAsync(payments[i].Org, refundIds[i]!))
            {
                Interlocked.Increment(ref count);
            }
        });
        return count;
    }
}
