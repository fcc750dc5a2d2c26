using Microsoft.DurableTask.Client;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Application.StripeEvents;
using Refunds.StripeStandIn.Webhooks;

namespace Refunds.Benchmarks;

/// <summary>
/// Where a webhook's time goes: each part of the ingest timed on its own, one at a time, in the same process
/// against the same Azurite (the app's own registered services, so the same clients and settings).
/// </summary>
internal static class WebhookProfile
{
    private static readonly List<(double Own, double Azurite)> Cpu = [];

    public static async Task<string> RunAsync(BenchHost host, IReadOnlyList<PendingRefund> pending, int iterations)
    {
        var bodies = WebhookLoad.BuildEvents(pending, iterations, 0, 0, seed: 99);
        var headers = bodies.Select(b => WebhookSignature.Header(WebhookLoad.Secret, b.Body, TimeProvider.System.GetUtcNow())).ToList();
        var verifier = host.Services.GetRequiredService<IStripeWebhookVerifier>();
        var log = host.Services.GetRequiredService<IStripeEventLog>();
        var processor = host.Services.GetRequiredService<StripeEventProcessor>();
        var durable = host.Services.GetRequiredService<DurableTaskClient>();

        Cpu.Clear();

        // The Durable worker would run the orchestrations the parts below wake while they are being timed: stopped,
        // then started again and the profile's events drained before the measured run (they name the same refunds).
        await host.StopWorkerAsync();
        var sign = Time(iterations, i => WebhookSignature.Header(WebhookLoad.Secret, bodies[i].Body, TimeProvider.System.GetUtcNow()));
        var verified = new StripeEvent[iterations];
        var verify = Time(iterations, i => verified[i] = ((WebhookVerification.Verified)verifier.Verify(bodies[i].Body, headers[i])).Event);
        var record = await TimeAsync(iterations, i => log.RecordAsync(verified[i], TimeProvider.System.GetUtcNow(), CancellationToken.None));
        var recordAgain = await TimeAsync(iterations, i => log.RecordAsync(verified[i], TimeProvider.System.GetUtcNow(), CancellationToken.None));
        var apply = await TimeAsync(iterations, i => processor.HandleAsync(durable, verified[i], CancellationToken.None));

        // Fresh events for the end-to-end request, so each is new to the log as in the parts above.
        var fresh = WebhookLoad.BuildEvents(pending, iterations, 0, 0, seed: 98);
        var health = await TimeAsync(iterations, async _ =>
        {
            using var response = await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
            await response.Content.ReadAsStringAsync();
        });
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteBefore = Machine.ChildrenCpuSeconds();
        var http = await WebhookLoad.SendAsync(host, fresh, 1, TimeSpan.FromSeconds(120));
        Cpu.Add(((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations, (Machine.ChildrenCpuSeconds() - azuriteBefore) * 1000 / iterations));
        var drainFrom = TimeProvider.System.GetUtcNow();
        await host.StartWorkerAsync();
        var drained = await WebhookLoad.DrainAsync(host, [.. bodies, .. fresh.Take(http.Sent)], drainFrom, TimeSpan.FromSeconds(120));
        var times = Markdown.StatsTable(
        [
            ("client: sign a body (HMAC-SHA256, not on the server)", sign),
            ("verify: signature + Stripe.net event parse (IStripeWebhookVerifier)", verify),
            ("table: insert event row (new id)", record),
            ("table: insert event row again (409, then read ProcessedAt)", recordAgain),
            ("apply by key: payment-intent index, refund record under ETag, signal its orchestration, mark processed (StripeEventProcessor)", apply),
            ("bare HTTP round trip to the app (GET /api/health)", health),
            ("whole webhook POST → 200, one sender", Stats.Of(http.Latencies)),
        ]);
        string[] names = ["client: sign", "verify", "table: insert (new)", "table: insert again (409 + read)", "apply by key", "bare HTTP round trip (GET /api/health, client + app)", "whole webhook POST (client + app)"];
        var drainLine = $"The profile's {drained.DistinctEvents} events, applied after the worker was started again: {drained.Processed} processed in {drained.LastProcessed.TotalSeconds:0.0} s; orchestrations {drained.InstancesByStatus}{(drained.TimedOut ? " (time limit hit)" : "")}";
        return times + Environment.NewLine + drainLine + Environment.NewLine + Environment.NewLine + Markdown.Table(
            ["part", "CPU ms per call, this process", "CPU ms per call, Azurite"],
            names.Zip(Cpu, (n, c) => new[] { n, c.Own.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), c.Azurite.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) }));
    }

    private static Stats Time(int iterations, Action<int> action)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteBefore = Machine.ChildrenCpuSeconds();
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action(i);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Cpu.Add(((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations, (Machine.ChildrenCpuSeconds() - azuriteBefore) * 1000 / iterations));
        return Stats.Of(samples);
    }

    private static async Task<Stats> TimeAsync(int iterations, Func<int, Task> action)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteBefore = Machine.ChildrenCpuSeconds();
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action(i);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Cpu.Add(((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations, (Machine.ChildrenCpuSeconds() - azuriteBefore) * 1000 / iterations));
        return Stats.Of(samples);
    }
}
