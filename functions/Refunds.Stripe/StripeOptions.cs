namespace Refunds.Stripe;

/// <summary>Settings of the Stripe adapter, bound from the "Stripe" configuration section.</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>Secret key of the platform account; refunds act on connected accounts through <c>Stripe-Account</c>.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Overrides https://api.stripe.com, so tests and local runs can use the stand-in.</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>Total attempts per call, the first one included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Median delay before the first retry; later retries back off exponentially with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed to one attempt (one HTTP request; one page when listing).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Signing secrets (<c>whsec_...</c>) of the webhook endpoint; a signature made with any of them is accepted,
    /// so during a rotation both the old and the new secret are listed.
    /// </summary>
    public IList<string> WebhookSecrets { get; init; } = [];

    /// <summary>How old a webhook's signed timestamp may be; Stripe's libraries default to 300 s.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Our requests per second per connected account, spaced evenly; 0 turns client-side limiting off. Unset: Stripe's
    /// limit for the key, 25 in test mode (<c>sk_test_</c>/<c>rk_test_</c>) and 100 live.
    /// </summary>
    public int? MaxRequestsPerSecond { get; set; }

    /// <summary><see cref="MaxRequestsPerSecond"/>, or Stripe's limit for the kind of key.</summary>
    public int EffectiveMaxRequestsPerSecond =>
        MaxRequestsPerSecond ?? (ApiKey.StartsWith("sk_test_", StringComparison.Ordinal) || ApiKey.StartsWith("rk_test_", StringComparison.Ordinal) ? 25 : 100);

    // The key must never reach logs, including through an options dump.
    public override string ToString() =>
        $"StripeOptions {{ ApiBase = {ApiBase?.ToString() ?? "(default)"}, MaxAttempts = {MaxAttempts}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, RequestTimeout = {RequestTimeout}, MaxRequestsPerSecond = {EffectiveMaxRequestsPerSecond} }}";
}
