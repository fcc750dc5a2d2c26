using System.Net;
using System.Text.Json;
using Polly.Timeout;
using Stripe;

namespace Refunds.Stripe;

/// <summary>Sorts what Stripe.net throws into transient trouble, configuration bugs and Stripe's decisions.</summary>
internal static class StripeErrors
{
    private const string InsufficientBalanceMessageCode = "insufficient_balance_for_refund";
    private const string InsufficientBalanceMessagePrefix = "Insufficient funds in your Stripe balance";

    /// <summary>Worth another attempt with the same idempotency key.</summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        // 0: no response at all; 409: the same idempotency key is still in flight; 429: rate_limit or lock_timeout.
        StripeException stripe => stripe.HttpStatusCode is 0 or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests
            || (int)stripe.HttpStatusCode >= 500,
        HttpRequestException => true,
        TimeoutRejectedException => true,
        // HttpClient reports its own timeout as a cancellation the caller never asked for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>401/403: the key is wrong or lacks access to the account, which no retry or workflow can fix.</summary>
    public static bool IsConfigurationError(StripeException exception) =>
        exception.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>
    /// Stripe's synchronous "balance too low to refund" answer. It has no <c>code</c>; the raw body carries
    /// <c>message_code</c>. <c>balance_insufficient</c> is the transfers/payouts code and must not match here.
    /// </summary>
    public static bool IsInsufficientBalance(StripeException exception) =>
        exception.HttpStatusCode == HttpStatusCode.BadRequest
        && exception.StripeError?.Type == "invalid_request_error"
        && (MessageCode(exception) == InsufficientBalanceMessageCode
            || (exception.StripeError.Message?.StartsWith(InsufficientBalanceMessagePrefix, StringComparison.Ordinal) ?? false));

    /// <summary>A 4xx Stripe decided and will repeat for the same request.</summary>
    public static bool IsRejection(StripeException exception) =>
        (int)exception.HttpStatusCode is >= 400 and < 500 && !IsConfigurationError(exception);

    public static string? Code(StripeException exception) =>
        exception.StripeError?.Code ?? exception.StripeError?.Type;

    public static string Message(StripeException exception) =>
        exception.StripeError?.Message ?? exception.Message;

    public static string Describe(Exception exception) => exception switch
    {
        StripeException stripe => $"HTTP {(int)stripe.HttpStatusCode} {Code(stripe) ?? "(no code)"}: {Message(stripe)}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static string? MessageCode(StripeException exception)
    {
        var content = exception.StripeResponse?.Content;
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message_code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            // A body that is not JSON cannot carry message_code; the message prefix still decides.
            return null;
        }
    }
}
