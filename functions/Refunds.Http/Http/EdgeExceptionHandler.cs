using Microsoft.AspNetCore.Diagnostics;
using Refunds.Application.Ports;

namespace Refunds.Http.Http;

/// <summary>
/// Exceptions that are not our bug: the sender's (a body Kestrel refused, a client that hung up) and Stripe's
/// (unavailable after the adapter's retries). They answer with their own status and are logged below Error, without
/// the exception's message where that could quote the request. Anything else is left to the framework: logged at
/// Error and answered 500 <c>internal_error</c>.
/// </summary>
public sealed partial class EdgeExceptionHandler(ILogger<EdgeExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The adapter has just spent its retries; a caller trying again at once would only add load.</summary>
    public const int StripeRetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                LogBadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode);
                await Problems.Status(bad.StatusCode, "Bad request", DescribeBadRequest(bad.StatusCode), ProblemCodes.ForStatus(bad.StatusCode))
                    .ExecuteAsync(httpContext);
                return true;

            case OperationCanceledException or IOException when httpContext.RequestAborted.IsCancellationRequested:
                LogClientGone(logger, httpContext.Request.Method, httpContext.Request.Path);
                return true;

            case StripeUnavailableException unavailable:
                LogStripeUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, unavailable.Message);
                httpContext.Response.Headers.RetryAfter = StripeRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Status(
                        StatusCodes.Status503ServiceUnavailable,
                        "Stripe unavailable",
                        "Stripe did not answer in time; nothing was changed. Try again later.",
                        "stripe_unavailable")
                    .ExecuteAsync(httpContext);
                return true;

            default:
                return false;
        }
    }

    private static string DescribeBadRequest(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The body is larger than this endpoint accepts.",
        StatusCodes.Status408RequestTimeout => "The body arrived too slowly.",
        _ => "The request could not be read.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: the request could not be read ({StatusCode})")]
    private static partial void LogBadRequest(ILogger logger, string method, PathString path, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the client went away before the answer")]
    private static partial void LogClientGone(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    private static partial void LogStripeUnavailable(ILogger logger, string method, PathString path, string reason);
}
