using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refunds.StripeStandIn.Api;
using Refunds.StripeStandIn.Ledger;
using Refunds.StripeStandIn.Webhooks;

namespace Refunds.StripeStandIn;

/// <summary>
/// A stateful stand-in for Stripe's refund and balance API on 127.0.0.1, good enough for Stripe.net. Tests script
/// it through these methods; other processes through the same operations under <c>/_standin</c>.
/// </summary>
public sealed partial class StripeStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StandInLedger ledger;
    private readonly StripeStandInOptions options;
    private readonly CancellationTokenSource stopping;
    private WebhookSender? webhooks;

    private StripeStandIn(WebApplication app, StandInLedger ledger, StripeStandInOptions options, CancellationTokenSource stopping)
    {
        this.app = app;
        this.ledger = ledger;
        this.options = options;
        this.stopping = stopping;
    }

    /// <summary>Base address to give Stripe.net as <c>ApiBase</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public string ApiKey => options.ApiKey;

    /// <summary>Number of <c>POST /v1/refunds</c> requests received, whatever was answered.</summary>
    public int CreateRefundCalls => ledger.Requests().Count(r => r.Method == "POST" && r.Path == "/v1/refunds");

    public IReadOnlyList<RecordedRequest> Requests => ledger.Requests();

    /// <summary>How many requests failed through <see cref="StripeStandInOptions.RandomFaults"/>.</summary>
    public int RandomFaultCount => ledger.RandomFaultCount;

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => webhooks?.Deliveries() ?? [];

    public static async Task<StripeStandIn> StartAsync(StripeStandInOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();

        var ledger = new StandInLedger(options);
        var rateLimit = options.RateLimitPerSecond is { } perSecond ? new RequestRateLimit(perSecond, options.TimeProvider) : null;
        var stopping = new CancellationTokenSource();
        var standIn = new StripeStandIn(app, ledger, options, stopping);

        var api = new StripeApi(ledger, options, rateLimit, stopping.Token);
        app.Map("/v1/{**path}", (RequestDelegate)api.HandleAsync);
        ControlApi.Map(app, standIn);

        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return standIn;
    }

    public void AddPaymentIntent(string account, string paymentIntentId, long amountMinor, string currency, string paymentMethodType = "card") =>
        ledger.AddPaymentIntent(account, paymentIntentId, amountMinor, currency, paymentMethodType);

    /// <summary>Asks <see cref="StripeStandInOptions.ResolvePaymentIntent"/> about a payment intent it does not know yet.</summary>
    internal Task ResolveIfUnknownAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        ledger.ResolveIfUnknownAsync(paymentIntentId, cancellationToken);

    /// <summary>How the payment intent's refunds behave from now on (default: <see cref="RefundScript.Succeed"/>).</summary>
    public void ScriptRefund(string paymentIntentId, RefundScript script) => ledger.ScriptRefund(paymentIntentId, script);

    public void SetBalance(string account, string currency, long availableMinor, long pendingMinor = 0) =>
        ledger.SetBalance(account, currency, availableMinor, pendingMinor);

    public StandInBalance GetBalance(string account, string currency) => ledger.GetBalance(account, currency);

    /// <summary>Adds funds to the available balance, settles refunds held for insufficient funds that now fit, sends <c>balance.available</c>.</summary>
    public void TopUp(string account, string currency, long amountMinor) => ledger.TopUp(account, currency, amountMinor);

    /// <summary>Sends <c>charge.dispute.created</c> for the payment intent's charge (a late ACH/SEPA failure, or a card dispute); returns the dispute id.</summary>
    public string CreateDispute(string paymentIntentId, string reason = "debit_not_authorized") => ledger.CreateDispute(paymentIntentId, reason);

    /// <summary>Sends an arbitrary event through the configured webhook endpoint.</summary>
    public void RaiseEvent(string type, string account, System.Text.Json.Nodes.JsonObject dataObject) => ledger.RaiseEvent(type, account, dataObject);

    public void SettleRefund(string refundId) => ledger.SettleRefund(refundId);

    public void FailRefund(string refundId, string failureReason = "unknown") => ledger.FailRefund(refundId, failureReason);

    /// <summary>Queues faults for the next Stripe API requests, one each, in order.</summary>
    public void InjectFaults(params Fault[] faults) => ledger.InjectFaults(faults);

    public void ClearFaults() => ledger.ClearFaults();

    /// <summary>Holds every refund create for <paramref name="delay"/> before processing it (null: no more delay), widening the window of a create in flight.</summary>
    public void DelayRefundCreates(TimeSpan? delay) => ledger.DelayRefundCreates(delay);

    /// <summary>Refund creates received so far, counted as they arrive (before any delay).</summary>
    public int RefundCreatesStarted => ledger.RefundCreatesStarted;

    /// <summary>Forgets every idempotency key, as Stripe does after 24 hours.</summary>
    public void ExpireIdempotencyKeys() => ledger.ExpireIdempotencyKeys();

    public IReadOnlyList<StandInRefund> RefundsFor(string paymentIntentId) => ledger.RefundsFor(paymentIntentId);

    public StandInRefund? FindRefund(string refundId) => ledger.FindRefund(refundId);

    /// <summary>From now on, events (refund.*, balance.available, charge.dispute.created, ...) go to <paramref name="endpoint"/>.</summary>
    public async Task ConfigureWebhooksAsync(Uri endpoint, string secret, WebhookOptions? webhookOptions = null)
    {
        var previous = webhooks;
        var sender = new WebhookSender(endpoint, secret, webhookOptions ?? new WebhookOptions(), options.TimeProvider);
        webhooks = sender;
        ledger.EventRaised = sender.Publish;
        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends events kept back by <see cref="WebhookOptions.Hold"/>, optionally newest first.</summary>
    public void DeliverHeldWebhooks(bool reverse = false) => webhooks?.ReleaseHeld(reverse);

    public Task WaitForWebhooksAsync(TimeSpan timeout) => webhooks?.WaitIdleAsync(timeout) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (webhooks is not null)
        {
            await webhooks.DisposeAsync().ConfigureAwait(false);
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
