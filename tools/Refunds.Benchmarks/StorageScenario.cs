using System.Diagnostics;
using System.Globalization;

namespace Refunds.Benchmarks;

/// <summary>
/// Storage requests per card refund: every HTTP request this process sends to Azurite (the app's ledger and the Durable
/// engine's tables, queues and blobs) while refunds run one at a time, minus what the same window costs idle (the
/// Durable worker polls its queues even when nothing happens). No status polling while counting: each refund gets a
/// fixed gap, and the status is read once afterwards, outside the counted window.
/// </summary>
internal static class StorageScenario
{
    private const string Org = "org_storage";
    private const string Account = "acct_bench_storage";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var count = args.Int("count", 20);
        var warmup = args.Int("warmup", 3);
        var gap = TimeSpan.FromMilliseconds(args.Int("gap-ms", 1500));
        await using var host = await BenchHost.StartAsync(new StripeStandIn.StripeStandInOptions(), args.AppSettings);
        LatencyScenario.PrintSettings(host);
        var sync = host.SyncToken();
        var payments = new List<BenchPayment>();
        for (var i = 0; i < warmup + count; i++)
        {
            payments.Add(await host.SeedPaymentAsync(Org, Account, i, sync));
        }

        foreach (var payment in payments.Take(warmup))
        {
            await RefundAndWaitAsync(host, payment, gap);
        }

        using var counter = new AzuriteRequestCounter(host.Azurite);
        await Task.Delay(gap * 2);
        var idleStart = counter.Snapshot();
        await Task.Delay(gap * count);
        var idle = Minus(counter.Snapshot(), idleStart);

        var refundIds = new List<(BenchPayment Payment, string RefundId)>();
        var runStart = counter.Snapshot();
        foreach (var payment in payments.Skip(warmup))
        {
            refundIds.Add((payment, await host.StartRefundAsync(payment, CancellationToken.None)));
            await Task.Delay(gap);
        }

        var run = Minus(counter.Snapshot(), runStart);
        var completed = 0;
        foreach (var (payment, refundId) in refundIds)
        {
            completed += (await host.GetStatusAsync(payment.Org, refundId, CancellationToken.None)).RuntimeStatus == "Completed" ? 1 : 0;
        }

        var perRefund = (run.Sum() - idle.Sum()) / (double)count;
        var byKind = string.Join(", ", AzuriteRequestCounter.Services.Select((name, i) => $"{name} {((run[i] - idle[i]) / (double)count).ToString("0.0", CultureInfo.InvariantCulture)}"));
        Console.WriteLine(Markdown.Table(
            ["quantity", "value"],
            [
                ["refunds one at a time (gap between starts)", $"{count} ({gap.TotalMilliseconds:0} ms), {completed} Completed within their gap"],
                ["Azurite requests in the run window / the same window idle", $"{run.Sum()} / {idle.Sum()}"],
                ["**storage requests per card refund** (run − idle) ÷ refunds", $"**{perRefund.ToString("0.0", CultureInfo.InvariantCulture)}**"],
                ["by service, per refund (run − idle)", byKind],
            ]));
        return completed == count ? 0 : 1;
    }

    private static long[] Minus(long[] a, long[] b) => [.. a.Zip(b, (x, y) => x - y)];

    private static async Task RefundAndWaitAsync(BenchHost host, BenchPayment payment, TimeSpan gap)
    {
        await host.StartRefundAsync(payment, CancellationToken.None);
        await Task.Delay(gap);
    }
}

/// <summary>Counts the requests this process sends to Azurite, by service (table, queue, blob), from HttpClient's diagnostics.</summary>
internal sealed class AzuriteRequestCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public static readonly string[] Services = ["table", "queue", "blob"];

    private readonly Dictionary<int, int> _serviceByPort;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private readonly long[] _counts = new long[3];

    public AzuriteRequestCounter(TestSupport.AzuriteFixture azurite)
    {
        _serviceByPort = new Dictionary<int, int>
        {
            [azurite.TableEndpoint.Port] = 0,
            [azurite.QueueEndpoint.Port] = 1,
            [azurite.BlobEndpoint.Port] = 2,
        };
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public long[] Snapshot() => [.. Enumerable.Range(0, _counts.Length).Select(i => Interlocked.Read(ref _counts[i]))];

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "System.Net.Http.HttpRequestOut.Start"
            && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { IsLoopback: true } uri }
            && _serviceByPort.TryGetValue(uri.Port, out var service))
        {
            Interlocked.Increment(ref _counts[service]);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
