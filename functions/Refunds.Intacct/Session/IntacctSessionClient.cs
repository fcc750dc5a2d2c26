using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Refunds.Application.Ports;
using Refunds.Intacct.Transport;
using Refunds.Intacct.Xml;

namespace Refunds.Intacct.Session;

/// <summary>Sends business requests under the cached session; an authentication failure renews it once and resends.</summary>
internal sealed partial class IntacctSessionClient(IntacctSessionCache sessions, IntacctGateway gateway, ILogger<IntacctSessionClient> logger)
{
    /// <param name="build">Builds the envelope for a session; called again after a renewal.</param>
    /// <exception cref="IntacctOutcomeUnknownException">The request may have run.</exception>
    public async Task<IntacctResponse> SendAsync(Func<IntacctSession, XDocument> build, string function, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(cancellationToken);
        var response = await gateway.SendAsync(session.Endpoint, build(session), function, cancellationToken);
        if (response.Authentication?.Status == IntacctStatus.Failure)
        {
            // Nothing ran: Intacct checks the session before the content.
            LogSessionRejected(logger, function, IntacctErrors.Summarize(response.Authentication.Errors));
            session = await sessions.RenewAsync(session, cancellationToken);
            response = await gateway.SendAsync(session.Endpoint, build(session), function, cancellationToken);
            if (response.Authentication?.Status == IntacctStatus.Failure)
            {
                throw new IntacctUnavailableException($"Intacct refused a fresh session for {function}: {IntacctErrors.Summarize(response.Authentication.Errors)}");
            }
        }

        sessions.Extend(session, response.Authentication);
        return response;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Intacct refused the session for {Function} ({Errors}); renewing it once")]
    private static partial void LogSessionRejected(ILogger logger, string function, string errors);
}
