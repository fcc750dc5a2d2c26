using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Refunds.Api;
using Refunds.IntacctStandIn;
using StandIn = Refunds.StripeStandIn.StripeStandIn;
using Refunds.StripeStandIn;
using Refunds.StripeStandIn.Webhooks;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Support;

/// <summary>
/// The real app on a loopback port, over real HTTP, with Azurite storage (its own table and queue) and
/// its own Stripe stand-in. Nothing inside the app is replaced.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>The app's webhook signing secret; the stand-in signs its events with it.</summary>
    public const string WebhookSecret = "whsec_test_app_current";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;
    private WebhookOptions _webhookOptions = new();

    private TestApp(AzuriteFixture azurite, StandIn stripe, IntacctStandIn.IntacctStandIn intacct, Dictionary<string, string?> settings, Action<WebApplicationBuilder>? configure)
    {
        Azurite = azurite;
        Stripe = stripe;
        Intacct = intacct;
        _settings = settings;
        _configure = configure;
    }

    public AzuriteFixture Azurite { get; }

    public StandIn Stripe { get; }

    public IntacctStandIn.IntacctStandIn Intacct { get; }

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The app's own Durable client, to look at its orchestration instances.</summary>
    public DurableTaskClient DurableClient => _app?.Services.GetRequiredService<DurableTaskClient>() ?? throw new InvalidOperationException("The app is not running.");

    public string TableName => _settings["Storage:TableName"]!;

    /// <summary>This app's own task hub: apps sharing a hub would run each other's orchestrations.</summary>
    public string TaskHubName => _settings["Durable:TaskHubName"]!;

    /// <param name="configure">Runs on the app's builder after the test settings, e.g. to capture telemetry.</param>
    public static async Task<TestApp> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null, Action<IServiceProvider>? beforeStart = null)
    {
        var stripe = await StandIn.StartAsync(new StripeStandInOptions());
        var intacctOptions = new IntacctStandInOptions();
        var intacct = await IntacctStandIn.IntacctStandIn.StartAsync(intacctOptions, CancellationToken.None);
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = TestKeys.Issuer,
            ["Auth:Audience"] = TestKeys.Audience,
            ["Auth:SigningKeys:0"] = TestKeys.PublicPem,
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TableName"] = AzuriteFixture.NewName("t"),
            ["Durable:TaskHubName"] = HubName(),
            ["Durable:PartitionCount"] = "2",
            // A work item stays hidden this long while a worker runs it. Short, a starved machine (load average 20) saw
            // an orchestration's messages come back while their episode still ran (dequeue counts of 4), and its refund
            // did not finish within 30 s. Tests that restart the app mid-work ask for ShortVisibility.
            ["Durable:VisibilityTimeout"] = "00:01:00",

            // At DTF's 2 s, apps on a starved machine (load average 20) logged partition table rounds timing out, and
            // a refund in one of them waited more than 30 s: a round that times out neither takes nor renews a partition.
            ["Durable:PartitionTableOperationTimeout"] = "00:00:10",
            ["Stripe:ApiKey"] = stripe.ApiKey,
            ["Stripe:ApiBase"] = stripe.BaseUri.ToString(),
            ["Stripe:BaseDelay"] = "00:00:00.020",
            ["Stripe:MaxDelay"] = "00:00:00.200",
            ["Stripe:RequestTimeout"] = "00:00:02",
            ["Stripe:WebhookSecrets:0"] = WebhookSecret,
            ["Intacct:Endpoint"] = intacct.Endpoint.ToString(),
            ["Intacct:SenderId"] = intacctOptions.SenderId,
            ["Intacct:SenderPassword"] = intacctOptions.SenderPassword,
            ["Intacct:UserId"] = intacctOptions.UserId,
            ["Intacct:CompanyId"] = intacctOptions.CompanyId,
            ["Intacct:UserPassword"] = intacctOptions.UserPassword,
            ["Intacct:RetryBaseDelay"] = "00:00:00.020",
            ["Intacct:RetryMaxDelay"] = "00:00:00.200",
            ["Intacct:AttemptTimeout"] = "00:00:02",
            ["Workflow:PollFirstDelay"] = "00:00:00.200",
            ["Workflow:PollMaxDelay"] = "00:00:01",
            ["Workflow:StallGrace"] = "00:00:02",
            ["Workflow:TransientRetryDelay"] = "00:00:01",
            ["Hosting:ReconcileInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Telemetry:Exporter"] = "none",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var testApp = new TestApp(azurite, stripe, intacct, settings, configure) { BeforeStart = beforeStart };
        await testApp.StartAppAsync();
        return testApp;
    }

    /// <summary>Runs on the built app's services before each start, e.g. to swap an orchestrator for a previous shape of it.</summary>
    public Action<IServiceProvider>? BeforeStart { get; set; }

    /// <summary>
    /// Settings for a test that restarts the app mid-work (<see cref="RestartAppAsync"/>): the work items the stopped app
    /// held come back after 5 s, instead of the minute the other tests use.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> ShortVisibility { get; } =
        [new("Durable:VisibilityTimeout", "00:00:05")];

    /// <summary>A task hub name: letters and digits only, starting with a letter, at most 45 characters.</summary>
    public static string HubName() => "h" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Stops the app as a process stop would (work items in flight come back later) and starts it again.</summary>
    public async Task RestartAppAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    /// <summary>How the stand-in delivers events to this app from now on (it always signs them with <see cref="WebhookSecret"/>).</summary>
    public async Task ConfigureWebhooksAsync(WebhookOptions options)
    {
        _webhookOptions = options;
        await Stripe.ConfigureWebhooksAsync(WebhookEndpoint, WebhookSecret, options);
    }

    public Uri WebhookEndpoint => new(Http.BaseAddress!, "/api/webhooks/stripe");

    /// <summary>Posts a webhook body with the given <c>Stripe-Signature</c> (null: none), as an attacker or a late retry would.</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await Http.SendAsync(request);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = Request(method, path, token, body);
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetRefundAsync(string org, string refundId, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/organizations/{org}/refunds/{refundId}", token ?? TestKeys.Admin(org));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the status API until the refund reaches a terminal runtime status.</summary>
    public async Task<JsonElement> WaitForTerminalAsync(string org, string refundId, TimeSpan? timeout = null)
    {
        JsonElement status = default;
        await Poll.UntilAsync(
            async () =>
            {
                status = await GetRefundAsync(org, refundId);
                return status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Canceled";
            },
            timeout ?? TimeSpan.FromSeconds(30),
            $"refund {refundId} to finish",
            TimeSpan.FromMilliseconds(100));
        return status;
    }

    /// <summary>Polls the status API until <paramref name="condition"/> holds for the refund (which must exist).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string org, string refundId, Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null)
    {
        JsonElement status = default;
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await SendAsync(HttpMethod.Get, $"/api/organizations/{org}/refunds/{refundId}", TestKeys.Admin(org));
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return false;
                }

                response.EnsureSuccessStatusCode();
                status = await response.Content.ReadFromJsonAsync<JsonElement>();
                return condition(status);
            },
            timeout ?? TimeSpan.FromSeconds(30),
            $"refund {refundId}: {what}",
            TimeSpan.FromMilliseconds(100));
        return status;
    }

    /// <summary>Waits until the app has applied (or deliberately ignored) the Stripe event, as its event log records.</summary>
    public async Task WaitForEventProcessedAsync(string eventId, TimeSpan? timeout = null)
    {
        var table = new Azure.Data.Tables.TableClient(Azurite.ConnectionString, TableName);
        await Poll.UntilAsync(
            async () =>
            {
                var row = await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("stripe-event|" + eventId, "stripe-event");
                return row.HasValue && row.Value!.ContainsKey("ProcessedAt");
            },
            timeout ?? TimeSpan.FromSeconds(20),
            $"Stripe event {eventId} to be processed");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        await Stripe.DisposeAsync();
        await Intacct.DisposeAsync();
    }

    private async Task StartAppAsync()
    {
        _app = RefundsApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _configure?.Invoke(builder);
        });
        BeforeStart?.Invoke(_app.Services);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };

        // Webhooks are the main path now: the stand-in sends every event to this app's endpoint, signed.
        await Stripe.ConfigureWebhooksAsync(WebhookEndpoint, WebhookSecret, _webhookOptions);
    }

    private async Task StopAppAsync()
    {
        if (_app is null)
        {
            return;
        }

        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
