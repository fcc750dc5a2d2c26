using Microsoft.Extensions.Options;

namespace Refunds.Stripe;

internal sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Stripe:ApiKey is required.");
        }

        if (options.ApiBase is { IsAbsoluteUri: false })
        {
            failures.Add("Stripe:ApiBase must be an absolute URI.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("Stripe:MaxAttempts must be at least 1.");
        }

        if (options.BaseDelay <= TimeSpan.Zero || options.MaxDelay < options.BaseDelay)
        {
            failures.Add("Stripe:BaseDelay must be positive and Stripe:MaxDelay at least BaseDelay.");
        }

        // Polly's timeout strategy accepts 10 ms to 24 h.
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(10) || options.RequestTimeout > TimeSpan.FromHours(24))
        {
            failures.Add("Stripe:RequestTimeout must be between 10 ms and 24 h.");
        }

        if (options.WebhookTolerance <= TimeSpan.Zero)
        {
            failures.Add("Stripe:WebhookTolerance must be positive.");
        }

        if (options.MaxRequestsPerSecond < 0)
        {
            failures.Add("Stripe:MaxRequestsPerSecond must be 0 (off) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
