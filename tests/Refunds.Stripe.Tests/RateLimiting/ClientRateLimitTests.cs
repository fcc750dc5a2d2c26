using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Refunds.Application.Ports;
using Refunds.StripeStandIn;

namespace Refunds.Stripe.Tests.RateLimiting;

/// <summary>
/// The adapter's per-account limit against the stand-in's token bucket, over real HTTP but on one fake clock that
/// both read. In real time the stand-in measured arrivals, not the limiter's send times: under CPU load the first,
/// cold request (JIT, connection) held up the ones spaced behind it and the backlog reached the bucket in one burst.
/// </summary>
public sealed class ClientRateLimitTests
{
    private const int Refunds = 15;

    // The stand-in takes twice what the adapter sends, so a clean run is the claim "a backlog below Stripe's limit
    // causes no 429s", not the narrower one that spacing exactly at the limit fits a bucket of the same rate. The
    // margin is not there for timing noise (the shared clock leaves none); 15 refunds still overflow the 10-token
    // bucket if they go at once, which is what fails this test when the limiter is off.
    private const int ClientPerSecond = 5;
    private const int StripePerSecond = 10;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.0 / ClientPerSecond);
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CreateRefundAsync_BacklogBelowStripeLimit_CausesNo429s()
    {
        await using var harness = await StripeHarness.StartAsync(
            s => s["Stripe:MaxRequestsPerSecond"] = ClientPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new StripeStandInOptions { RateLimitPerSecond = StripePerSecond },
            clock);

        var outcomes = await RunBacklogAsync(harness);

        Assert.All(outcomes, o => Assert.IsType<CreateRefundOutcome.Created>(o));
        Assert.DoesNotContain(harness.StandIn.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task CreateRefundAsync_LimitOff_SameBacklogHits429s()
    {
        await using var harness = await StripeHarness.StartAsync(
            s =>
            {
                s["Stripe:MaxRequestsPerSecond"] = "0";
                s["Stripe:MaxAttempts"] = "20";
                s["Stripe:BaseDelay"] = "00:00:00.100";
                s["Stripe:MaxDelay"] = "00:00:00.500";
            },
            new StripeStandInOptions { RateLimitPerSecond = StripePerSecond },
            clock);

        var outcomes = await RunBacklogAsync(harness);

        Assert.All(outcomes, o => Assert.IsType<CreateRefundOutcome.Created>(o));
        Assert.Contains(harness.StandIn.Requests, r => r.Status == 429);
    }

    /// <summary>
    /// Starts the backlog at once and lets the clock run one limiter interval at a time, each time only once nothing
    /// the adapter sent is unanswered and the stand-in has answered a POST per interval so far (all the limiter lets
    /// go). The bucket thus meets each request at the time the limiter released it: load can slow the test down but
    /// cannot bunch the requests. Once every slot is due, the clock moves only when nothing else does, for backoffs.
    /// </summary>
    private async Task<CreateRefundOutcome[]> RunBacklogAsync(StripeHarness harness)
    {
        using var inFlight = new InFlightRequests(harness.StandIn.BaseUri.Port);
        var payments = Enumerable.Range(0, Refunds).Select(_ => harness.AddPayment()).ToList();
        var backlog = Task.WhenAll(payments.Select(p => harness.Stripe.CreateRefundAsync(StripeHarness.Request(p), CancellationToken.None)));

        for (var answered = 1; answered < Refunds && !backlog.IsCompleted; answered++)
        {
            await WaitUntilAsync(() => backlog.IsCompleted || (inFlight.Count == 0 && harness.StandIn.CreateRefundCalls >= answered));
            clock.Advance(Interval);
        }

        for (var intervals = 0; !backlog.IsCompleted; intervals++)
        {
            Assert.True(intervals < 100, "The backlog should finish within 100 limiter intervals once every slot is due.");
            var calls = harness.StandIn.CreateRefundCalls;
            var quietSince = TimeProvider.System.GetTimestamp();
            await WaitUntilAsync(() =>
            {
                if (inFlight.Count > 0 || harness.StandIn.CreateRefundCalls != calls)
                {
                    calls = harness.StandIn.CreateRefundCalls;
                    quietSince = TimeProvider.System.GetTimestamp();
                }

                return backlog.IsCompleted || TimeProvider.System.GetElapsedTime(quietSince) >= QuietFor;
            });
            if (!backlog.IsCompleted)
            {
                clock.Advance(Interval);
            }
        }

        // Without the metric the clock could outrun requests still on their way, and the limiter-off test prove nothing.
        Assert.True(inFlight.Seen, "System.Net.Http's http.client.active_requests metric reported no request to the stand-in.");
        return await backlog;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var since = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(since) < StuckAfter, $"Nothing moved for {StuckAfter}.");
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }
    }

    /// <summary>Requests the process has sent to one port and not had answered, from System.Net.Http's own metric.</summary>
    private sealed class InFlightRequests : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;
        private int seen;

        public InFlightRequests(int port)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.active_requests")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "server.port" && tag.Value is int p && p == port)
                    {
                        Interlocked.Add(ref count, value);
                        Interlocked.Exchange(ref seen, 1);
                    }
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public bool Seen => Volatile.Read(ref seen) == 1;

        public void Dispose() => listener.Dispose();
    }
}
