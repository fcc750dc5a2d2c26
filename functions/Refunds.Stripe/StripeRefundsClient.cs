using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using Stripe;

namespace Refunds.Stripe;

/// <summary><see cref="IStripeRefunds"/> over Stripe.net, with our own retries and per-attempt timeout.</summary>
public sealed partial class StripeRefundsClient : IStripeRefunds, IDisposable
{
    private const int ListPageSize = 100;

    private readonly HttpClient httpClient;
    private readonly StripeClient stripe;
    private readonly ResiliencePipeline pipeline;
    private readonly StripeAccountRateLimiter rateLimiter;
    private readonly int maxAttempts;

    public StripeRefundsClient(IOptions<StripeOptions> options, TimeProvider timeProvider, ILogger<StripeRefundsClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        maxAttempts = settings.MaxAttempts;

        // A long-lived client; rotating pooled connections picks up DNS changes. Timeouts belong to the pipeline.
        httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        stripe = new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.ApiKey,
            ApiBase = settings.ApiBase?.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClient, maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
        });
        pipeline = StripeResilience.Build(settings, timeProvider, logger);
        rateLimiter = new StripeAccountRateLimiter(settings.EffectiveMaxRequestsPerSecond, timeProvider);
    }

    public async Task<CreateRefundOutcome> CreateRefundAsync(CreateStripeRefund request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var createOptions = new RefundCreateOptions
        {
            PaymentIntent = request.PaymentIntentId,
            Reason = StripeRefundMapping.ToStripeReason(request.Reason),
            Metadata = new Dictionary<string, string> { [StripeRefundMapping.RefundIdMetadataKey] = request.RefundId },
        };
        var requestOptions = new RequestOptions
        {
            StripeAccount = request.ConnectedAccountId,
            IdempotencyKey = request.IdempotencyKey,
        };

        try
        {
            var refund = await CallAsync(
                request.ConnectedAccountId,
                "create refund",
                token => stripe.V1.Refunds.CreateAsync(createOptions, requestOptions, token),
                cancellationToken).ConfigureAwait(false);
            return new CreateRefundOutcome.Created(StripeRefundMapping.ToSnapshot(refund));
        }
        catch (StripeException exception) when (StripeErrors.IsInsufficientBalance(exception))
        {
            return new CreateRefundOutcome.InsufficientBalance(StripeErrors.Message(exception));
        }
        catch (StripeException exception) when (StripeErrors.IsRejection(exception))
        {
            return new CreateRefundOutcome.Rejected(StripeErrors.Code(exception), StripeErrors.Message(exception));
        }
    }

    public async Task<StripeRefundSnapshot> GetRefundAsync(string connectedAccountId, string stripeRefundId, CancellationToken cancellationToken)
    {
        var requestOptions = new RequestOptions { StripeAccount = connectedAccountId };
        var refund = await ReadAsync(
            connectedAccountId,
            $"get refund {stripeRefundId}",
            token => stripe.V1.Refunds.GetAsync(stripeRefundId, options: null, requestOptions, token),
            cancellationToken).ConfigureAwait(false);
        return StripeRefundMapping.ToSnapshot(refund);
    }

    public async Task<StripeRefundSnapshot?> FindRefundAsync(string connectedAccountId, string paymentIntentId, string refundId, CancellationToken cancellationToken)
    {
        var listOptions = new RefundListOptions { PaymentIntent = paymentIntentId, Limit = ListPageSize };
        var requestOptions = new RequestOptions { StripeAccount = connectedAccountId };

        // A failed page restarts the walk from the first page; the list is short (a payment has few refunds).
        var refund = await ReadAsync(
            connectedAccountId,
            $"list refunds of {paymentIntentId}",
            async token =>
            {
                await foreach (var candidate in stripe.V1.Refunds.ListAutoPagingAsync(listOptions, requestOptions, token).ConfigureAwait(false))
                {
                    if (StripeRefundMapping.IsOurs(candidate, refundId))
                    {
                        return candidate;
                    }
                }

                return null;
            },
            cancellationToken).ConfigureAwait(false);
        return refund is null ? null : StripeRefundMapping.ToSnapshot(refund);
    }

    public async Task<StripeBalance> GetBalanceAsync(string connectedAccountId, string currency, CancellationToken cancellationToken)
    {
        var requestOptions = new RequestOptions { StripeAccount = connectedAccountId };
        var balance = await ReadAsync(
            connectedAccountId,
            "get balance",
            token => stripe.V1.Balance.GetAsync(requestOptions, token),
            cancellationToken).ConfigureAwait(false);
        return new StripeBalance(Sum(balance.Available, currency), Sum(balance.Pending, currency));
    }

    public void Dispose() => httpClient.Dispose();

    private static Money Sum(List<BalanceAmount>? amounts, string currency) =>
        new(
            amounts?.Where(a => string.Equals(a.Currency, currency, StringComparison.OrdinalIgnoreCase)).Sum(a => a.Amount) ?? 0,
            currency);

    /// <summary>A read has no business outcome: anything Stripe refuses here is a bug on our side.</summary>
    private async Task<T> ReadAsync<T>(string account, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(account, operation, call, cancellationToken).ConfigureAwait(false);
        }
        catch (StripeException exception) when (StripeErrors.IsRejection(exception))
        {
            throw new InvalidOperationException($"Stripe refused to {operation}: {StripeErrors.Describe(exception)}", exception);
        }
    }

    /// <summary>Every attempt, retries included, waits for the account's next request slot (part of the attempt's timeout).</summary>
    private async Task<T> CallAsync<T>(string account, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    await rateLimiter.WaitAsync(account, token).ConfigureAwait(false);
                    return await call(token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (StripeErrors.IsTransient(exception, cancellationToken))
        {
            throw new StripeUnavailableException(
                $"Stripe could not {operation} after {maxAttempts} attempt(s): {StripeErrors.Describe(exception)}", exception);
        }
        catch (StripeException exception) when (StripeErrors.IsConfigurationError(exception))
        {
            throw new InvalidOperationException(
                $"Stripe refused our credentials to {operation} ({StripeErrors.Describe(exception)}). Check Stripe:ApiKey and the platform's access to the connected account.",
                exception);
        }
    }
}
