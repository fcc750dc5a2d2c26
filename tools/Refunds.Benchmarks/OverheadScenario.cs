using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;
using Refunds.Storage.Hosting;
using Refunds.StripeStandIn;

namespace Refunds.Benchmarks;

/// <summary>
/// POST → Completed of one card refund, divided by the sum of the round trips any durable design of the same
/// refund has to make, each timed on its own against the same Azurite and stand-in from the same process.
/// </summary>
internal static class OverheadScenario
{
    private const string ScratchPartition = "org_bench_scratch";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var count = args.Int("count", 50);
        var iterations = args.Int("iterations", 50);
        var poll = args.Milliseconds("poll-ms", 10);
        var gap = args.Milliseconds("gap-ms", 0);

        await using var host = await BenchHost.StartAsync(new StripeStandInOptions(), args.AppSettings);
        LatencyScenario.PrintSettings(host);
        var latency = await LatencyScenario.MeasureAsync(host, warmup: 5, count, concurrency: 0, rounds: 0, poll, gap);

        var trips = await RoundTripsAsync(host, iterations);
        var observed = Stats.Of(latency.Sequential.Select(s => s.ObservedMs).ToList());
        var server = Stats.Of(latency.Sequential.Select(s => s.ServerMs).ToList());

        // The floor: what a refund cannot do without, in order (see BENCHMARKS.md for why these and not others).
        var floor = new (string Name, int Times)[]
        {
            ("HTTP round trip to the app (GET /api/health)", 1),
            ("table: read payment", 1),
            ("table: commit 3 entities (claim payment + workflow + history)", 1),
            ("queue: send", 1),
            ("queue: receive (message waiting)", 1),
            ("Stripe: create refund (adapter)", 1),
            ("table: read invoice", 2),
            ("table: commit 5 entities (workflow + payment + 2 invoices + history)", 1),
            ("status API: GET completed refund", 1),
        };

        Console.WriteLine();
        Console.WriteLine(Markdown.StatsTable(trips.Select(t => (t.Key, t.Value))));
        var floorMedian = floor.Sum(f => trips[f.Name].Median * f.Times);
        var floorP99 = floor.Sum(f => trips[f.Name].P99 * f.Times);
        Console.WriteLine(Markdown.Table(
            ["round trip counted in the floor", "times", "median ms each"],
            floor.Select(f => new[] { f.Name, f.Times.ToString(System.Globalization.CultureInfo.InvariantCulture), Markdown.F(trips[f.Name].Median) })));
        Console.WriteLine(Markdown.StatsTable([("POST → status Completed (observed)", observed), ("completedAt − createdAt (server)", server)]));
        Console.WriteLine(Markdown.Table(
            ["quantity", "ms", "overhead (÷ floor of medians)"],
            [
                ["floor: sum of round-trip medians", Markdown.F(floorMedian), "1.0"],
                ["floor: sum of round-trip p99s", Markdown.F(floorP99), Ratio(floorP99, floorMedian)],
                ["POST → Completed observed, median", Markdown.F(observed.Median), Ratio(observed.Median, floorMedian)],
                ["POST → Completed observed, p99", Markdown.F(observed.P99), Ratio(observed.P99, floorMedian) + $" (÷ floor of p99s: {Ratio(observed.P99, floorP99)})"],
                ["completedAt − createdAt, median", Markdown.F(server.Median), Ratio(server.Median, floorMedian)],
            ]));
        Console.WriteLine(
            "(No 'as built' row: it counted the queue engine's extra round trips. On the Durable engine each hop is DTF's own " +
            "storage work, control and work-item queues, history and instances tables, which this scenario does not itemize.)");
        return 0;
    }

    private static string Ratio(double value, double floor) => (value / floor).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "×";

    private static async Task<SortedDictionary<string, Stats>> RoundTripsAsync(BenchHost host, int iterations)
    {
        var storage = new StorageOptions { ConnectionString = host.Azurite.ConnectionString };
        var table = StorageClientFactory.CreateTableServiceClient(storage).GetTableClient(host.Settings["Storage:TableName"]!);
        // The app has no queues of its own any more (Durable's are internal to DTF): a plain client for the floor's hop.
        var queue = new QueueServiceClient(host.Azurite.ConnectionString).GetQueueClient("benchscratch");
        await queue.CreateIfNotExistsAsync();
        var stripe = host.Services.GetRequiredService<IStripeRefunds>();

        // A refund the latency run completed: its real rows give the reads and commits their real sizes.
        var payment = await host.SeedPaymentAsync(LatencyScenario.Org, LatencyScenario.Account, 99_999, host.SyncToken());
        var refundId = await host.StartRefundAsync(payment, CancellationToken.None);
        await host.WaitTerminalAsync(payment.Org, refundId, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));
        TableEntity Row(string rowKey) => table.GetEntity<TableEntity>(payment.Org, rowKey).Value;
        var workflowRow = Row("workflow|" + refundId);
        var paymentRow = Row("payment|" + payment.PaymentId);
        var invoiceRows = new[] { Row("invoice|" + payment.Invoice1), Row("invoice|" + payment.Invoice2) };
        var historyRow = table.Query<TableEntity>(e => e.PartitionKey == payment.Org && e.RowKey.CompareTo("history|" + refundId + "|") > 0 && e.RowKey.CompareTo("history|" + refundId + "}") < 0).First();
        var body = BinaryData.FromString($$"""{"organizationId":"{{payment.Org}}","refundId":"{{refundId}}","sequence":2}""");

        var results = new SortedDictionary<string, Stats>(StringComparer.Ordinal);
        async Task Time(string name, Func<int, Task<Func<Task>>> prepare)
        {
            var samples = new List<double>();
            for (var i = -5; i < iterations; i++)
            {
                var timed = await prepare(i + 5);
                var start = Stopwatch.GetTimestamp();
                await timed();
                if (i >= 0)
                {
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            results[name] = Stats.Of(samples);
        }

        await Time("HTTP round trip to the app (GET /api/health)", _ => Ready(async () => (await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative))).EnsureSuccessStatusCode()));
        await Time("table: read payment", _ => Ready(() => table.GetEntityIfExistsAsync<TableEntity>(payment.Org, "payment|" + payment.PaymentId)));
        await Time("table: read invoice", _ => Ready(() => table.GetEntityIfExistsAsync<TableEntity>(payment.Org, "invoice|" + payment.Invoice1)));
        await Time("table: read workflow", _ => Ready(() => table.GetEntityIfExistsAsync<TableEntity>(payment.Org, "workflow|" + refundId)));
        await Time("table: commit 3 entities (claim payment + workflow + history)", async i =>
            Commit(table, await StageAsync(table, i, [workflowRow, paymentRow]), historyRow, i));
        await Time("table: commit 5 entities (workflow + payment + 2 invoices + history)", async i =>
            Commit(table, await StageAsync(table, i, [workflowRow, paymentRow, .. invoiceRows]), historyRow, i));
        await Time("queue: send", _ => Ready(() => queue.SendMessageAsync(body, TimeSpan.Zero, TimeSpan.FromSeconds(-1))));
        await Time("queue: receive (message waiting)", async _ =>
        {
            await queue.SendMessageAsync(body);
            return () => queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));
        });
        await Time("queue: delete (off the critical path)", async _ =>
        {
            await queue.SendMessageAsync(body);
            var message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value[0];
            return () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        });
        await Time("Stripe: create refund (adapter)", i =>
        {
            // An account each: the adapter spaces requests per account (Stripe:MaxRequestsPerSecond), and back-to-back
            // calls on one account would time that spacing instead of the round trip.
            var intent = $"pi_overhead_{i}";
            var account = $"acct_overhead_{i}";
            host.Stripe.AddPaymentIntent(account, intent, 15_000, "usd");
            return Ready(() => stripe.CreateRefundAsync(
                new CreateStripeRefund(account, intent, $"rf_overhead_{i}", $"idem_overhead_{i}", RefundReason.RequestedByCustomer),
                CancellationToken.None));
        });
        await Time("status API: GET completed refund", _ => Ready(() => host.GetStatusAsync(payment.Org, refundId, CancellationToken.None)));
        return results;
    }

    private static Task<Func<Task>> Ready(Func<Task> call) => Task.FromResult(call);

    /// <summary>Copies of real rows in a scratch partition, so a commit replaces them under their ETags as the app's commits do.</summary>
    private static async Task<List<TableEntity>> StageAsync(TableClient table, int iteration, TableEntity[] rows)
    {
        var staged = new List<TableEntity>();
        for (var r = 0; r < rows.Length; r++)
        {
            var copy = new TableEntity(rows[r]) { PartitionKey = ScratchPartition, RowKey = $"{rows[r].RowKey}|{iteration}|{r}|{Guid.NewGuid():N}" };
            var response = await table.UpsertEntityAsync(copy, TableUpdateMode.Replace);
            copy.ETag = response.Headers.ETag ?? ETag.All;
            staged.Add(copy);
        }

        return staged;
    }

    private static Func<Task> Commit(TableClient table, List<TableEntity> staged, TableEntity history, int iteration)
    {
        var actions = staged.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, e.ETag)).ToList();
        actions.Add(new TableTransactionAction(
            TableTransactionActionType.Add,
            new TableEntity(history) { PartitionKey = ScratchPartition, RowKey = $"{history.RowKey}|{iteration}|{Guid.NewGuid():N}", ETag = default }));
        return () => table.SubmitTransactionAsync(actions);
    }
}
