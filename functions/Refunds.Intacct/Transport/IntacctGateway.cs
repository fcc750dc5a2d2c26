using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Refunds.Application.Ports;
using Refunds.Intacct.Xml;

namespace Refunds.Intacct.Transport;

/// <summary>
/// Posts one XML envelope through the resilient HttpClient and parses the answer. Retries of answers that
/// prove nothing ran (429, GW-0010, 502/503/504) happen inside the HttpClient pipeline.
/// </summary>
internal sealed class IntacctGateway(IHttpClientFactory httpClientFactory, IOptions<IntacctOptions> options)
{
    public const string HttpClientName = "Refunds.Intacct";

    private const int OriginTimeout = 524;

    /// <exception cref="IntacctOutcomeUnknownException">The request may have run.</exception>
    /// <exception cref="IntacctUnavailableException">Intacct kept refusing or answered something unusable.</exception>
    public async Task<IntacctResponse> SendAsync(Uri endpoint, XDocument request, string function, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(Serialize(request), Encoding.UTF8, "application/xml"),
        };
        message.Options.Set(CompanyConcurrencyHandler.CompanyIdKey, options.Value.CompanyId);

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new IntacctOutcomeUnknownException($"Intacct did not answer {function} within {options.Value.AttemptTimeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new IntacctOutcomeUnknownException($"The connection to Intacct failed during {function} ({ex.HttpRequestError}).", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == OriginTimeout)
            {
                throw new IntacctOutcomeUnknownException($"Intacct answered {function} with HTTP 524 (origin timeout).");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new IntacctUnavailableException($"Intacct answered {function} with HTTP {status} after {options.Value.MaxRetryAttempts} retries at most.");
            }

            var parsed = IntacctResponseParser.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (parsed.ControlErrors.Any(IntacctErrors.IsThrottled))
            {
                throw new IntacctUnavailableException($"Intacct kept throttling {function} ({IntacctErrors.Throttled}).");
            }

            return parsed;
        }
    }

    private static string Serialize(XDocument document) =>
        $"{document.Declaration}{document.ToString(SaveOptions.DisableFormatting)}";
}
