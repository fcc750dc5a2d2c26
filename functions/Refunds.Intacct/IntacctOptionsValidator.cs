using Microsoft.Extensions.Options;

namespace Refunds.Intacct;

internal sealed class IntacctOptionsValidator : IValidateOptions<IntacctOptions>
{
    public ValidateOptionsResult Validate(string? name, IntacctOptions options)
    {
        var failures = new List<string>();
        if (!options.Endpoint.IsAbsoluteUri)
        {
            failures.Add("Intacct:Endpoint must be an absolute URI.");
        }

        // Names only: the messages end up in logs, the values must not.
        foreach (var (key, value) in new[]
                 {
                     ("SenderId", options.SenderId), ("SenderPassword", options.SenderPassword), ("UserId", options.UserId),
                     ("CompanyId", options.CompanyId), ("UserPassword", options.UserPassword),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"Intacct:{key} is required.");
            }
        }

        if (options.MaxConcurrentRequestsPerCompany < 1)
        {
            failures.Add("Intacct:MaxConcurrentRequestsPerCompany must be at least 1.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Intacct:AttemptTimeout and RetryBaseDelay must be positive and RetryMaxDelay at least RetryBaseDelay.");
        }

        if (options.MaxRetryAttempts < 0 || options.MaxResendsAfterUnknownOutcome < 0)
        {
            failures.Add("Intacct:MaxRetryAttempts and MaxResendsAfterUnknownOutcome cannot be negative.");
        }

        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionRenewalMargin < TimeSpan.Zero)
        {
            failures.Add("Intacct:SessionLifetime must be positive and SessionRenewalMargin not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
