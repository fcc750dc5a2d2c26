using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Refunds.Stripe;

/// <summary>
/// Our retry around Stripe.net (whose own retries are off): it also retries plain 429s, which Stripe.net does not,
/// and takes its clock from <see cref="TimeProvider"/>. The caller reuses one idempotency key across attempts.
/// </summary>
internal static class StripeResilience
{
    public static ResiliencePipeline Build(StripeOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception && StripeErrors.IsTransient(exception, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Stripe call failed transiently (attempt {Attempt} of {MaxAttempts}), retrying in {Delay}: {Error}",
                        args.AttemptNumber + 1,
                        options.MaxAttempts,
                        args.RetryDelay,
                        args.Outcome.Exception is { } exception ? StripeErrors.Describe(exception) : "no exception");
                    return default;
                },
            });
        }

        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }
}
