using System.Net;
using Polly;
using Polly.Retry;
using Refunds.Intacct.Xml;

namespace Refunds.Intacct.Transport;

/// <summary>
/// What the retry handler may simply send again: answers Intacct gives before executing anything.
/// Timeouts and 524 are not here: the request may have run, so the caller reads before resending.
/// </summary>
internal static class IntacctTransientAnswers
{
    public static async ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            // Nothing reached Intacct.
            return true;
        }

        if (args.Outcome.Result is not { } response)
        {
            return false;
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
            case HttpStatusCode.BadGateway:
            case HttpStatusCode.ServiceUnavailable:
            case HttpStatusCode.GatewayTimeout:
                return true;
            case HttpStatusCode.OK:
                // GW-0010 may also arrive as a control-level failure in a 200.
                var body = await response.Content.ReadAsStringAsync(args.Context.CancellationToken);
                return IntacctResponseParser.IsThrottled(body);
            default:
                return false;
        }
    }
}
