namespace Refunds.StripeStandIn;

public sealed class StripeStandInOptions
{
    /// <summary>The secret key clients must send as <c>Authorization: Bearer ...</c>.</summary>
    public string ApiKey { get; set; } = "sk_test_standin";

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Clock for <c>created</c> timestamps, idempotency key expiry, webhook signatures and the rate limit.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Available balance of an account in a currency nobody set explicitly (minor units).</summary>
    public long DefaultAvailableBalance { get; set; } = 1_000_000_000;

    /// <summary>Stripe keeps idempotency keys at least 24 hours.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Stripe saves an idempotent request's answer once the endpoint has started, errors included (say
    /// <c>charge_already_refunded</c> or the insufficient balance error), and replays it for the key's lifetime.
    /// False keeps only successes, for tests that want to isolate that behaviour.
    /// </summary>
    public bool ReplayErrors { get; set; } = true;

    /// <summary>When set, requests beyond this many per second (token bucket on <see cref="TimeProvider"/>) get 429 <c>rate_limit</c>.</summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary>
    /// When set, asked about a payment intent the stand-in was never told about, before
    /// <see cref="AutoCreatePaymentIntents"/> applies, whenever a refund create or list, a script or a dispute names one:
    /// its answer is added as by <c>AddPaymentIntent</c>; null leaves the payment intent unknown. Called outside the
    /// stand-in's lock, at most once per request. The local run answers from the app's own ledger, so a payment a user
    /// synced is refunded for its own amount and currency.
    /// </summary>
    public Func<string, CancellationToken, Task<ResolvedPaymentIntent?>>? ResolvePaymentIntent { get; set; }

    /// <summary>
    /// Off (default): a refund of a payment intent the stand-in was never told about is <c>404 resource_missing</c>, as at
    /// Stripe. On (the local run): creating or listing refunds of an unknown payment intent first creates it for the
    /// calling account, a succeeded card payment of <see cref="AutoCreatedPaymentIntentAmount"/> in
    /// <see cref="AutoCreatedPaymentIntentCurrency"/>, so any payment synced into the app can be refunded. A payment
    /// intent known under another account stays <c>resource_missing</c>.
    /// </summary>
    public bool AutoCreatePaymentIntents { get; set; }

    /// <summary>Amount (minor units) of an auto-created payment intent; a refund without amount refunds all of it.</summary>
    public long AutoCreatedPaymentIntentAmount { get; set; } = 1_000_000;

    public string AutoCreatedPaymentIntentCurrency { get; set; } = "usd";

    /// <summary>When set, that share of Stripe API requests fails at random (default: none).</summary>
    public RandomFaults? RandomFaults { get; set; }
}
