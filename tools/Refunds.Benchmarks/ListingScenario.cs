using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Refunds.Http.Telemetry;

namespace Refunds.Benchmarks;

/// <summary>
/// The ops lists over a large ledger: <c>--settled</c> settled refunds over <c>--orgs</c> organizations and
/// <c>--attention</c> needing ops (failed, Intacct failed, waiting for funds, warnings, stalled, in turn), written through
/// the app's own ledger store (so with the summary and attention rows every commit writes), then the first page of
/// <c>GET /api/refunds</c> (all reasons, and <c>attention=stalled</c>) and of one organization's
/// <c>GET .../refunds</c>, one call at a time: latency, storage entities read (the app's
/// <c>refunds.listing.entities_read</c> histogram) and Azurite table requests per call. For comparison, the query the
/// attention list would need without its index: a filtered scan of every record row of the table.
/// </summary>
internal static class ListingScenario
{
    private const string Account = "acct_bench_listing";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var settled = args.Int("settled", 10_000);
        var orgs = args.Int("orgs", 100);
        var attention = args.Int("attention", 50);
        var count = args.Int("count", 50);
        var warmup = args.Int("warmup", 5);
        var settings = new Dictionary<string, string?>(args.AppSettings, StringComparer.OrdinalIgnoreCase);

        // No reconciler pass while measuring: it would wake the stalled records' (absent) orchestrations.
        settings.TryAdd("Hosting:ReconcileInterval", "1.00:00:00");
        await using var host = await BenchHost.StartAsync(new StripeStandIn.StripeStandInOptions(), settings);
        LatencyScenario.PrintSettings(host);

        var seeding = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var ledger = host.Services.GetRequiredService<ILedgerStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, settled + attention), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var record = Record(i, settled, orgs, now);
            if (await ledger.CommitAsync(record.OrganizationId, [new LedgerWrite.PutWorkflow(record, null)], ct) != CommitOutcome.Committed)
            {
                throw new InvalidOperationException($"Seeding record {record.RefundId} conflicted.");
            }
        });
        Console.WriteLine($"Seeded {settled} settled and {attention} refunds needing ops over {orgs} organizations in {seeding.Elapsed.TotalSeconds:0.0} s (through ILedgerStore.CommitAsync).");

        using var entities = new ListingEntities();
        using var counter = new AzuriteRequestCounter(host.Azurite);
        var calls = new (string Name, string Path)[]
        {
            ("GET /api/refunds (first page of 25, all reasons)", "/api/refunds"),
            ("GET /api/refunds?attention=stalled (first page)", "/api/refunds?attention=stalled"),
            ("GET /api/organizations/{org}/refunds (first page of 25)", $"/api/organizations/{OrgId(7)}/refunds"),
        };
        var rows = new List<string[]>();
        var stats = new List<(string, Stats)>();
        foreach (var (name, path) in calls)
        {
            for (var i = 0; i < warmup; i++)
            {
                await GetAsync(host, path);
            }

            entities.Reset();
            var before = counter.Snapshot();
            var samples = new List<double>();
            var items = 0;
            for (var i = 0; i < count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                items = await GetAsync(host, path);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var tableRequests = (counter.Snapshot()[0] - before[0]) / (double)count;
            stats.Add((name, Stats.Of(samples)));
            rows.Add([name, items.ToString(CultureInfo.InvariantCulture), entities.PerCall(count), tableRequests.ToString("0.0", CultureInfo.InvariantCulture)]);
        }

        var scan = await ScanAsync(host, count: Math.Max(3, count / 10));
        stats.Add(("without the index: filtered scan of every record row (all needing ops)", scan.Stats));
        rows.Add(["without the index: filtered scan of every record row", scan.Items.ToString(CultureInfo.InvariantCulture), $"{settled + attention} scanned, {scan.Items} returned", "(one query, paged by the service)"]);

        Console.WriteLine(Markdown.StatsTable(stats));
        Console.WriteLine(Markdown.Table(["call", "items on the page", "storage entities read per call", "Azurite table requests per call"], rows));
        return 0;
    }

    /// <summary>
    /// Record <paramref name="i"/>: the first <paramref name="settled"/> are completed refunds needing nothing; the rest
    /// need ops, one reason each in turn. Creation times spread over the last 30 days.
    /// </summary>
    private static RefundWorkflow Record(int i, int settled, int orgs, DateTimeOffset now)
    {
        var created = now.AddMinutes(-(i * 37 % (30 * 24 * 60)) - 5);
        var record = new RefundWorkflow
        {
            RefundId = $"rf_bench{i:D7}",
            OrganizationId = OrgId(i % orgs),
            PaymentId = $"pay_bench{i:D7}",
            Kind = WorkflowKind.Refund,
            Amount = new Money(15_000, "USD"),
            StripePaymentIntentId = $"pi_bench{i:D7}",
            ConnectedAccountId = Account,
            RequestedBy = "bench",
            RuntimeStatus = RuntimeStatus.Completed,
            Step = RefundStep.Done,
            Sequence = 3,
            CreatedAt = created,
            UpdatedAt = created.AddSeconds(1),
            DueAt = created.AddSeconds(1),
            CompletedAt = created.AddSeconds(1),
            StripeRefundId = $"re_bench{i:D7}",
            StripeRefundStatus = StripeRefundStatus.Succeeded,
            HistoryCount = 3,
        };
        if (i < settled)
        {
            return record;
        }

        return ((i - settled) % 5) switch
        {
            0 => record with { RuntimeStatus = RuntimeStatus.Failed, StripeRefundStatus = StripeRefundStatus.Failed, LastError = new WorkflowError(RefundStep.AwaitStripeRefund, created, "Stripe refund failed: expired_or_canceled_card") },
            1 => record with { IntacctStatus = IntacctStatus.Failed, IntacctArPaymentKey = "1001", IntacctError = new IntacctError("BL01001973", "Closed period", created) },
            2 => record with
            {
                RuntimeStatus = RuntimeStatus.Waiting,
                Step = RefundStep.CreateStripeRefund,
                StripeRefundId = null,
                StripeRefundStatus = null,
                CompletedAt = null,
                DueAt = now.AddHours(6),
                FundsWait = new FundsWait(new Money(1_000, "USD"), new Money(0, "USD"), now, now.AddDays(7)),
            },
            3 => record with { Warnings = ["The bank debit failed after it succeeded (Stripe dispute dp_bench, insufficient_funds) while Stripe holds refund re_bench."] },
            _ => record with { RuntimeStatus = RuntimeStatus.Running, Step = RefundStep.AwaitStripeRefund, StripeRefundStatus = StripeRefundStatus.Pending, CompletedAt = null, DueAt = now.AddHours(-1) },
        };
    }

    private static string OrgId(int i) => $"org_bench{i:D4}";

    private static async Task<int> GetAsync(BenchHost host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.OpsToken);
        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").GetArrayLength();
    }

    /// <summary>The attention query without an index: every record row, filtered by the service, as one paged query.</summary>
    private static async Task<(Stats Stats, int Items)> ScanAsync(BenchHost host, int count)
    {
        var table = new TableClient(host.Azurite.ConnectionString, host.Settings["Storage:TableName"]);
        var filter = "Kind eq 'Workflow' and (IsTerminal eq false or RuntimeStatus eq 'Failed' or IntacctStatus eq 'Failed' or Warnings gt '')";
        var samples = new List<double>();
        var items = 0;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            items = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RefundId"]))
            {
                items++;
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (Stats.Of(samples), items);
    }

    /// <summary>Sums the app's <c>refunds.listing.entities_read</c> measurements.</summary>
    private sealed class ListingEntities : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public ListingEntities()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RefundsInstrumentation.Name && instrument.Name == RefundsInstrumentation.ListingEntitiesRead)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public void Reset() => Interlocked.Exchange(ref _total, 0);

        public string PerCall(int calls) => (Interlocked.Read(ref _total) / (double)calls).ToString("0.0", CultureInfo.InvariantCulture);

        public void Dispose() => _listener.Dispose();
    }
}
