using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Refunds.Storage.Hosting;
using Refunds.Storage.StripeEvents;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;

namespace Refunds.Benchmarks;

/// <summary>
/// Signed Stripe events POSTed to <c>/api/webhooks/stripe</c> by concurrent senders, then the wait until the
/// events have been applied (their event-log rows marked processed). Shared by the <c>webhooks</c> and <c>partitions</c> scenarios.
/// </summary>
internal static class WebhookLoad
{
    public const string Secret = "whsec_bench_0123456789abcdef";

    /// <summary>The app settings both scenarios add: the signing secret, and polls of pending refunds pushed past the run.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(overrides, StringComparer.OrdinalIgnoreCase);
        settings.TryAdd("Stripe:WebhookSecrets:0", Secret);

        // The refunds the events name wait at Stripe; their own polls would put step traffic into the measurement.
        settings.TryAdd("Workflow:PollFirstDelay", "00:10:00");
        settings.TryAdd("Stripe:MaxRequestsPerSecond", "0");
        return settings;
    }

    /// <summary>
    /// Payments spread round-robin over <paramref name="orgs"/> organizations (one connected account each), each with a
    /// refund started through the API that Stripe (the stand-in) leaves <c>pending</c>, so a <c>refund.updated</c>
    /// saying <c>succeeded</c> moves it on.
    /// </summary>
    public static async Task<List<PendingRefund>> SeedPendingRefundsAsync(BenchHost host, string prefix, int count, int orgs)
    {
        var sync = host.SyncToken();
        var payments = new BenchPayment[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var payment = await host.SeedPaymentAsync($"org_{prefix}_{i % orgs:D3}", $"acct_{prefix}_{i % orgs:D3}", i, sync);
            host.Stripe.ScriptRefund(payment.PaymentIntentId, RefundScript.PendingThenSucceed());
            payments[i] = payment;
        });

        var refunds = new PendingRefund[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var refundId = await host.StartRefundAsync(payments[i], ct);
            refunds[i] = new PendingRefund(payments[i], refundId);
        });

        // Until every refund exists at Stripe (the create step ran), bounded.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var intents = payments.Select(p => p.PaymentIntentId).ToHashSet(StringComparer.Ordinal);
        while (intents.Any(pi => host.Stripe.RefundsFor(pi).Count == 0))
        {
            await Task.Delay(200, limit.Token);
        }

        return refunds.Select(r => r with { Stripe = host.Stripe.RefundsFor(r.Payment.PaymentIntentId)[0] }).ToList();
    }

    /// <summary>
    /// <paramref name="count"/> event bodies: <c>refund.updated</c> for the refunds in turn (the first for each says
    /// pending, later ones succeeded), with <paramref name="duplicateShare"/> re-sends of an earlier event (same id
    /// and body) and <paramref name="unknownShare"/> event types we do not handle. Same seed, same events.
    /// </summary>
    public static List<EventBody> BuildEvents(IReadOnlyList<PendingRefund> refunds, int count, double duplicateShare, double unknownShare, int seed)
    {
        var random = new Random(seed);
        var events = new List<EventBody>(count);
        var created = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var sentPerRefund = new int[refunds.Count];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            if (roll < duplicateShare && events.Count > 0)
            {
                var original = events[random.Next(events.Count)];
                events.Add(original with { Kind = EventKind.Duplicate });
                continue;
            }

            var id = "evt_" + Guid.NewGuid().ToString("N")[..24];
            if (roll < duplicateShare + unknownShare)
            {
                var customer = new JsonObject { ["id"] = "cus_" + Guid.NewGuid().ToString("N")[..14], ["object"] = "customer", ["email"] = "someone@example.com", ["metadata"] = new JsonObject() };
                events.Add(new EventBody(id, Envelope(id, "customer.updated", refunds[i % refunds.Count].Payment.Account, created, customer), EventKind.Unknown));
                continue;
            }

            var index = next++ % refunds.Count;
            var status = sentPerRefund[index]++ == 0 ? "pending" : "succeeded";
            events.Add(new EventBody(id, Envelope(id, "refund.updated", refunds[index].Payment.Account, created, RefundObject(refunds[index].Stripe!, status)), EventKind.Refund));
        }

        return events;
    }

    /// <summary>
    /// Sends the events with <paramref name="concurrency"/> senders, each taking the next unsent event, until all are
    /// sent or <paramref name="timeLimit"/> has passed. Every body is signed just before it is sent, as Stripe does on
    /// each delivery attempt (so a duplicate has the same id and body but a new signature).
    /// </summary>
    public static async Task<SendResult> SendAsync(BenchHost host, IReadOnlyList<EventBody> events, int concurrency, TimeSpan timeLimit)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var duplicateAnswers = 0;
        var nextIndex = -1;
        using var deadline = new CancellationTokenSource(timeLimit);
        var started = Stopwatch.GetTimestamp();
        var startedAt = TimeProvider.System.GetUtcNow();
        var lastAnswer = started;
        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while (!deadline.IsCancellationRequested && (index = Interlocked.Increment(ref nextIndex)) < events.Count)
            {
                var body = events[index].Body;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation("Stripe-Signature", WebhookSignature.Header(Secret, body, TimeProvider.System.GetUtcNow()));
                var sent = Stopwatch.GetTimestamp();
                using var response = await host.Http.SendAsync(request, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var answered = Stopwatch.GetTimestamp();
                latencies.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                InterlockedMax(ref lastAnswer, answered);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{events[index].Id}: {(int)response.StatusCode} {text}");
                }
                else if (JsonDocument.Parse(text).RootElement.GetProperty("duplicate").GetBoolean())
                {
                    Interlocked.Increment(ref duplicateAnswers);
                }
            }
        })).ToList();
        await Task.WhenAll(senders);
        var sentCount = Math.Min(nextIndex, events.Count);
        return new SendResult(sentCount, latencies.ToList(), failures.ToList(), duplicateAnswers, startedAt, Stopwatch.GetElapsedTime(started, lastAnswer));
    }

    /// <summary>
    /// Waits (bounded) until every sent event's row in the event log (<c>stripe-event|{id}</c>, the app's table) has
    /// <c>ProcessedAt</c>, reading the rows once a second; then counts the events' orchestrations
    /// (<c>stripe-event-{id}</c>) by runtime status.
    /// </summary>
    public static async Task<DrainResult> DrainAsync(BenchHost host, IReadOnlyList<EventBody> sentEvents, DateTimeOffset startedAt, TimeSpan timeLimit)
    {
        var storage = new StorageOptions { ConnectionString = host.Azurite.ConnectionString };
        var table = StorageClientFactory.CreateTableServiceClient(storage).GetTableClient(host.Settings["Storage:TableName"]);
        var ids = sentEvents.Select(e => TableStripeEventLog.Partition(e.Id)).ToHashSet(StringComparer.Ordinal);
        using var limit = new CancellationTokenSource(timeLimit);
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteCpu = Machine.ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        List<DateTimeOffset> processed;
        while (true)
        {
            processed = [];
            await foreach (var row in table.QueryAsync<TableEntity>("PartitionKey ge 'stripe-event|' and PartitionKey lt 'stripe-event}'", select: ["PartitionKey", "ProcessedAt"], cancellationToken: CancellationToken.None))
            {
                if (ids.Contains(row.PartitionKey) && row.GetDateTimeOffset("ProcessedAt") is { } at)
                {
                    processed.Add(at);
                }
            }

            if (processed.Count >= ids.Count || limit.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(1000, CancellationToken.None);
        }

        var seenAfter = clock.Elapsed;
        var cpu = new CpuUse((Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds, (Machine.ChildrenCpuSeconds() - azuriteCpu) * 1000);
        var instanceIds = sentEvents.Select(e => "stripe-event-" + e.Id).ToHashSet(StringComparer.Ordinal);
        var instances = (await host.InstancesAsync(startedAt - TimeSpan.FromHours(1), "stripe-event-")).Where(i => instanceIds.Contains(i.InstanceId)).ToList();
        var byStatus = string.Join(", ", instances.GroupBy(i => i.RuntimeStatus).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        foreach (var failed in instances.Where(i => i.RuntimeStatus == OrchestrationRuntimeStatus.Failed).Take(3))
        {
            Console.Error.WriteLine($"Orchestration {failed.InstanceId} Failed: {failed.FailureDetails?.ErrorType}: {failed.FailureDetails?.ErrorMessage}");
        }

        return new DrainResult(
            ids.Count,
            processed.Count,
            processed.Count > 0 ? processed.Max() - startedAt : TimeSpan.Zero,
            seenAfter,
            processed.Count < ids.Count,
            cpu with { OwnMs = cpu.OwnMs / Math.Max(1, processed.Count), AzuriteMs = cpu.AzuriteMs / Math.Max(1, processed.Count) },
            instanceIds.Count - instances.Count,
            byStatus.Length == 0 ? "none" : byStatus);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static string Envelope(string id, string type, string account, long created, JsonObject dataObject) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["account"] = account,
        ["api_version"] = "2026-10-28.endive",
        ["created"] = created,
        ["data"] = new JsonObject { ["object"] = dataObject },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    }.ToJsonString();

    /// <summary>The refund as Stripe's API shows it (the stand-in's shape), in <paramref name="status"/>.</summary>
    private static JsonObject RefundObject(StandInRefund refund, string status)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in refund.Metadata)
        {
            metadata[key] = value;
        }

        return new JsonObject
        {
            ["id"] = refund.Id,
            ["object"] = "refund",
            ["amount"] = refund.Amount,
            ["balance_transaction"] = status == "succeeded" ? "txn_" + refund.Id[3..] : null,
            ["charge"] = "ch_" + refund.PaymentIntentId[3..],
            ["created"] = refund.Created.ToUnixTimeSeconds(),
            ["currency"] = refund.Currency,
            ["destination_details"] = new JsonObject { ["type"] = "card" },
            ["failure_balance_transaction"] = null,
            ["failure_reason"] = null,
            ["metadata"] = metadata,
            ["payment_intent"] = refund.PaymentIntentId,
            ["pending_reason"] = null,
            ["reason"] = refund.Reason,
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = status,
            ["transfer_reversal"] = null,
        };
    }
}

internal sealed record PendingRefund(BenchPayment Payment, string RefundId, StandInRefund? Stripe = null);

internal enum EventKind
{
    Refund,
    Duplicate,
    Unknown,
}

internal sealed record EventBody(string Id, string Body, EventKind Kind);

/// <param name="Elapsed">First send until the last answer.</param>
internal sealed record SendResult(int Sent, List<double> Latencies, List<string> Failures, int DuplicateAnswers, DateTimeOffset StartedAt, TimeSpan Elapsed)
{
    public double AcceptedPerSecond => (Sent - Failures.Count) / Elapsed.TotalSeconds;
}

/// <param name="LastProcessed">From the drain's start until the last sent event was marked processed (app clock).</param>
/// <param name="AllProcessedSeenAfter">From the drain's start until a read of the event log found every sent event processed (1 s reads).</param>
/// <param name="InstancesMissing">Distinct sent event ids without a <c>stripe-event-{id}</c> orchestration instance.</param>
/// <param name="InstancesByStatus">The sent events' orchestration instances by runtime status.</param>
internal sealed record DrainResult(int DistinctEvents, int Processed, TimeSpan LastProcessed, TimeSpan AllProcessedSeenAfter, bool TimedOut, CpuUse Cpu, int InstancesMissing, string InstancesByStatus);
