using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Refunds.StripeStandIn.Webhooks;

/// <summary>Posts Stripe events, signed like Stripe (<c>Stripe-Signature: t=...,v1=HMAC-SHA256</c>), in the background.</summary>
internal sealed class WebhookSender : IAsyncDisposable
{
    private readonly Uri endpoint;
    private readonly byte[] secret;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private readonly List<string> held = [];
    private readonly List<WebhookDelivery> deliveries = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task pump;
    private int inFlight;

    public WebhookSender(Uri endpoint, string secret, WebhookOptions options, TimeProvider clock)
    {
        this.endpoint = endpoint;
        this.secret = Encoding.UTF8.GetBytes(secret);
        this.options = options;
        this.clock = clock;
        pump = Task.Run(PumpAsync);
    }

    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (gate)
        {
            return [.. deliveries];
        }
    }

    /// <summary>Called under the ledger's lock: only builds the event and queues it.</summary>
    public void Publish(string type, string account, JsonObject dataObject)
    {
        var body = new JsonObject
        {
            ["id"] = "evt_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "event",
            ["account"] = account,
            ["api_version"] = "2026-10-28.endive",
            ["created"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = dataObject },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();

        if (options.Hold)
        {
            lock (gate)
            {
                held.Add(body);
            }

            return;
        }

        Enqueue(body);
    }

    public void ReleaseHeld(bool reverse)
    {
        List<string> release;
        lock (gate)
        {
            release = [.. held];
            held.Clear();
        }

        if (reverse)
        {
            release.Reverse();
        }

        foreach (var body in release)
        {
            Enqueue(body);
        }
    }

    /// <summary>Waits (bounded) until every queued event has been attempted.</summary>
    public async Task WaitIdleAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Volatile.Read(ref inFlight) > 0)
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Webhooks still queued after {timeout}.");
            }

            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
        http.Dispose();
    }

    private void Enqueue(string body)
    {
        Interlocked.Increment(ref inFlight);
        queue.Writer.TryWrite(body);
        if (options.DeliverTwice)
        {
            Interlocked.Increment(ref inFlight);
            queue.Writer.TryWrite(body);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var body in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
        {
            try
            {
                await DeliverAsync(body).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }

    private async Task DeliverAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", WebhookSignature.Header(secret, body, clock.GetUtcNow()));

        var node = JsonNode.Parse(body)!;
        int status;
        try
        {
            using var response = await http.SendAsync(request, stopping.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // An unreachable endpoint is a delivery outcome to show the test, not a stand-in failure.
            status = 0;
        }

        lock (gate)
        {
            deliveries.Add(new WebhookDelivery(
                node["id"]!.GetValue<string>(), node["type"]!.GetValue<string>(), node["account"]!.GetValue<string>(), status, clock.GetUtcNow()));
        }
    }
}
