using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Refunds.Api;
using Refunds.Api.Auth;
using Refunds.Api.Hosting;
using Refunds.DurableHost.Hosting;
using Refunds.Http.Auth;
using Refunds.StripeStandIn;
using Refunds.TestSupport;
using StandIn = Refunds.StripeStandIn.StripeStandIn;

namespace Refunds.Benchmarks;

/// <summary>
/// The real app (<see cref="RefundsApp.Build"/>) on a loopback port with its default settings, except for the
/// storage and Stripe endpoints, against Azurite and the Stripe stand-in, all in this process (Azurite is a child).
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private const string Issuer = "https://issuer.bench";
    private const string Audience = "refunds-api-bench";

    private readonly RSA _key = RSA.Create(2048);
    private readonly Dictionary<string, string> _adminTokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private WebApplication? _workerApp;
    private bool _ownWorkerStopped;

    private BenchHost(AzuriteFixture azurite, StandIn stripe, IntacctStandIn.IntacctStandIn intacct, IReadOnlyDictionary<string, string?> settings)
    {
        Azurite = azurite;
        Stripe = stripe;
        Intacct = intacct;
        Settings = settings;
    }

    public AzuriteFixture Azurite { get; }

    public StandIn Stripe { get; }

    /// <summary>Present because the app requires Intacct settings; benchmark payments are not exported, so it sees no traffic.</summary>
    public IntacctStandIn.IntacctStandIn Intacct { get; }

    /// <summary>Every setting given to the app on top of appsettings.json (the production defaults).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string OpsToken { get; private set; } = "";

    /// <summary>The app's own Durable client (the one the webhook and the refund API start orchestrations with).</summary>
    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>
    /// Stops the Durable Task worker (every orchestration and activity; DurableHost's hosted service) while this app
    /// keeps serving HTTP and starting orchestrations through its client, as a host with <c>Durable:RunWorker=false</c>
    /// would. DTF's worker cannot be started again in the same app, so <see cref="StartWorkerAsync"/> starts a second
    /// instance of the app (same settings, same storage and task hub) that runs the worker from then on.
    /// </summary>
    public async Task StopWorkerAsync()
    {
        if (_workerApp is { } workerApp)
        {
            _workerApp = null;
            await workerApp.StopAsync();
            await workerApp.DisposeAsync();
        }
        else if (!_ownWorkerStopped)
        {
            _ownWorkerStopped = true;
            await Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "TaskHubWorkerService").StopAsync(CancellationToken.None);
        }
    }

    /// <summary>After <see cref="StopWorkerAsync"/>: a second instance of the app runs the worker (its HTTP endpoint is not used).</summary>
    public async Task StartWorkerAsync()
    {
        if (_ownWorkerStopped && _workerApp is null)
        {
            var workerApp = BuildApp();
            await workerApp.StartAsync();
            _workerApp = workerApp;
        }
    }

    /// <summary>The Durable settings in force: DurableHost's options as the app's <c>Durable</c> section set them.</summary>
    public string DurableSettingsLine()
    {
        var o = Services.GetRequiredService<IOptions<DurableHostOptions>>().Value;
        var hosting = Services.GetRequiredService<IOptions<HostingOptions>>().Value;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Durable settings (DurableHost: DurableTask.Core + DurableTask.AzureStorage on Azurite, in this process): TaskHubName={o.TaskHubName}, PartitionCount={o.PartitionCount}, " +
            $"MaxQueuePollingInterval={o.MaxQueuePollingInterval.TotalMilliseconds} ms, MaxConcurrentOrchestrations={o.MaxConcurrentOrchestrations}, " +
            $"MaxConcurrentActivities={o.MaxConcurrentActivities}, ControlQueueBatchSize={o.ControlQueueBatchSize}, ControlQueueBufferThreshold={o.ControlQueueBufferThreshold}, " +
            $"ExtendedSessionsEnabled={o.ExtendedSessionsEnabled} (idle timeout {o.ExtendedSessionIdleTimeout.TotalSeconds} s), DisableExecutionStartedDeduplication={o.DisableExecutionStartedDeduplication}, " +
            $"visibility timeouts (control/work item)={o.ControlQueueVisibilityTimeout}/{o.WorkItemQueueVisibilityTimeout}, " +
            $"ClientPollingInterval={o.ClientPollingInterval.TotalMilliseconds} ms, RunWorker={o.RunWorker}; Hosting:ReconcileInterval={hosting.ReconcileInterval}");
    }

    /// <summary>Every instance of the hub created since <paramref name="createdFrom"/> (optionally with an id prefix), one query.</summary>
    public async Task<List<OrchestrationMetadata>> InstancesAsync(DateTimeOffset createdFrom, string? idPrefix = null, IReadOnlyList<OrchestrationRuntimeStatus>? statuses = null)
    {
        var list = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { CreatedFrom = createdFrom, InstanceIdPrefix = idPrefix, Statuses = statuses, PageSize = 1000 };
        await foreach (var instance in Durable.GetAllInstancesAsync(query))
        {
            list.Add(instance);
        }

        return list;
    }

    public static async Task<BenchHost> StartAsync(StripeStandInOptions stripeOptions, IReadOnlyDictionary<string, string?> overrides)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var stripe = await StandIn.StartAsync(stripeOptions);
        var intacctOptions = new IntacctStandIn.IntacctStandInOptions();
        var intacct = await IntacctStandIn.IntacctStandIn.StartAsync(intacctOptions, CancellationToken.None);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TableName"] = AzuriteFixture.NewName("bench"),

            // Every run its own task hub (letters and digits, starting with a letter, ≤ 45 characters): no instances,
            // history or queue messages of an earlier run.
            ["Durable:TaskHubName"] = AzuriteFixture.NewName("bench"),
            ["Stripe:ApiKey"] = stripe.ApiKey,
            ["Stripe:ApiBase"] = stripe.BaseUri.ToString(),
            ["Intacct:Endpoint"] = intacct.Endpoint.ToString(),
            ["Intacct:SenderId"] = intacctOptions.SenderId,
            ["Intacct:SenderPassword"] = intacctOptions.SenderPassword,
            ["Intacct:UserId"] = intacctOptions.UserId,
            ["Intacct:CompanyId"] = intacctOptions.CompanyId,
            ["Intacct:UserPassword"] = intacctOptions.UserPassword,

            // Console logging of every step would cost more CPU than the steps; production logs go to App Insights.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in overrides)
        {
            settings[name] = value;
        }

        var host = new BenchHost(azurite, stripe, intacct, settings);
        await host.StartAppAsync();
        return host;
    }

    public string AdminToken(string org)
    {
        lock (_adminTokens)
        {
            if (!_adminTokens.TryGetValue(org, out var token))
            {
                token = Mint(org, Roles.Admin);
                _adminTokens[org] = token;
            }

            return token;
        }
    }

    /// <summary>One payment of 15000 USD minor units paying two invoices, recorded through the Sync API; the intent exists at the stand-in.</summary>
    public async Task<BenchPayment> SeedPaymentAsync(string org, string account, int index, string syncToken)
    {
        var suffix = $"{index:D5}_{Guid.NewGuid().ToString("N")[..8]}";
        var invoice1 = "inv_a" + suffix;
        var invoice2 = "inv_b" + suffix;
        var payment = "pay_" + suffix;
        var intent = "pi_" + suffix;
        await PutAsync($"/api/organizations/{org}/invoices/{invoice1}", syncToken, new { amount = 10_000, currency = "usd", paidAmount = 10_000, inDispute = false, inCollections = false });
        await PutAsync($"/api/organizations/{org}/invoices/{invoice2}", syncToken, new { amount = 5_000, currency = "usd", paidAmount = 5_000, inDispute = false, inCollections = false });
        await PutAsync($"/api/organizations/{org}/payments/{payment}", syncToken, new
        {
            stripePaymentIntentId = intent,
            connectedAccountId = account,
            amount = 15_000,
            currency = "usd",
            status = "succeeded",
            source = "online_portal",
            paidAt = "2026-11-01T10:00:00Z",
            allocations = new[] { new { invoiceId = invoice1, amount = 10_000 }, new { invoiceId = invoice2, amount = 5_000 } },
        });
        Stripe.AddPaymentIntent(account, intent, 15_000, "usd");
        return new BenchPayment(org, account, payment, intent, invoice1, invoice2);
    }

    public string SyncToken() => Mint(null, Roles.Sync);

    /// <summary>POSTs a refund; returns its id.</summary>
    public async Task<string> StartRefundAsync(BenchPayment payment, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/organizations/{payment.Org}/payments/{payment.PaymentId}/refunds")
        {
            Content = JsonContent.Create(new { reason = "requested_by_customer", comment = "benchmark" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken(payment.Org));
        using var response = await Http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Starting a refund of {payment.PaymentId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("refundId").GetString()!;
    }

    public async Task<RefundStatus> GetStatusAsync(string org, string refundId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{org}/refunds/{refundId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpsToken);
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new RefundStatus(
            body.GetProperty("runtimeStatus").GetString()!,
            body.GetProperty("createdAt").GetDateTimeOffset(),
            body.TryGetProperty("completedAt", out var completed) && completed.ValueKind == JsonValueKind.String ? completed.GetDateTimeOffset() : null);
    }

    /// <summary>Whether the history records an error (a step that failed transiently and was retried later).</summary>
    public async Task<bool> HasErrorInHistoryAsync(string org, string refundId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{org}/refunds/{refundId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpsToken);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("outcome").GetString() == "Error");
    }

    /// <summary>Polls the status API every <paramref name="interval"/> until a terminal status; returns it and when it was seen.</summary>
    public async Task<(RefundStatus Status, long SeenAt)> WaitTerminalAsync(string org, string refundId, TimeSpan interval, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var status = await GetStatusAsync(org, refundId, limit.Token);
            if (status.RuntimeStatus is "Completed" or "Failed" or "Canceled")
            {
                return (status, Stopwatch.GetTimestamp());
            }

            await Task.Delay(interval, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_workerApp is not null)
        {
            await _workerApp.StopAsync();
            await _workerApp.DisposeAsync();
        }

        if (_app is not null)
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Stripe.DisposeAsync();
        await Intacct.DisposeAsync();
        await Azurite.DisposeAsync();
        _key.Dispose();
    }

    private WebApplication BuildApp()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Auth:SigningKeys:0"] = _key.ExportSubjectPublicKeyInfoPem() };
        return RefundsApp.Build(["--contentRoot", Path.Combine(RepositoryRoot.Find(), "functions", "Refunds.Api")], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
    }

    private async Task StartAppAsync()
    {
        _app = BuildApp();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        OpsToken = Mint(null, Roles.Ops);
    }

    private string Mint(string? org, params string[] roles) =>
        DevTokens.Mint(_key.ExportPkcs8PrivateKeyPem(), Issuer, Audience, "bench", org, roles, TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(2));

    private async Task PutAsync(string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Seeding {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

internal sealed record BenchPayment(string Org, string Account, string PaymentId, string PaymentIntentId, string Invoice1, string Invoice2);

internal sealed record RefundStatus(string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
