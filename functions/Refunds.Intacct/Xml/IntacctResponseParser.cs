using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Refunds.Application.Ports;

namespace Refunds.Intacct.Xml;

internal static class IntacctResponseParser
{
    /// <exception cref="IntacctUnavailableException">The answer is not an Intacct response document.</exception>
    public static IntacctResponse Parse(string xml)
    {
        XDocument document;
        try
        {
            // XDocument.Parse prohibits DTDs, so an answer cannot pull in external entities.
            document = XDocument.Parse(xml);
        }
        catch (XmlException ex)
        {
            throw new IntacctUnavailableException($"Intacct answered with malformed XML (line {ex.LineNumber}).", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "response")
        {
            throw new IntacctUnavailableException("Intacct answered with a document that is not a <response>.");
        }

        var control = root.Element("control");
        var operation = root.Element("operation");
        var authentication = operation?.Element("authentication");
        return new IntacctResponse(
            ParseStatus(control?.Element("status")),
            Errors(root.Element("errormessage")),
            authentication is null
                ? null
                : new IntacctAuthentication(
                    ParseStatus(authentication.Element("status")),
                    SessionLifetime(authentication),
                    [.. Errors(operation!.Element("errormessage")), .. Errors(authentication.Element("errormessage"))]),
            operation?.Elements("result").Select(ParseResult).ToList() ?? []);
    }

    /// <summary>Cheap check used by the retry predicate: a 200 whose control block says GW-0010.</summary>
    public static bool IsThrottled(string xml)
    {
        if (!xml.Contains(IntacctErrors.Throttled, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return Parse(xml).ControlErrors.Any(IntacctErrors.IsThrottled);
        }
        catch (IntacctUnavailableException)
        {
            // Malformed: not a throttling answer; the gateway reports it when it parses the answer itself.
            return false;
        }
    }

    private static IntacctResult ParseResult(XElement result) =>
        new(
            ParseStatus(result.Element("status")),
            Text(result.Element("function")),
            Text(result.Element("controlid")),
            Errors(result.Element("errormessage")),
            result.Element("data"));

    private static List<IntacctError> Errors(XElement? errorMessage) =>
        errorMessage?.Elements("error")
            .Select(e => new IntacctError(
                Text(e.Element("errorno")),
                Text(e.Element("description")),
                Text(e.Element("description2")),
                Text(e.Element("correction"))))
            .ToList() ?? [];

    private static IntacctStatus ParseStatus(XElement? status) =>
        Text(status).ToUpperInvariant() switch
        {
            "SUCCESS" => IntacctStatus.Success,
            "FAILURE" => IntacctStatus.Failure,
            "ABORTED" => IntacctStatus.Aborted,
            _ => IntacctStatus.Unknown,
        };

    private static TimeSpan? SessionLifetime(XElement authentication)
    {
        if (!TryParseTime(authentication.Element("sessiontimestamp"), out var stamp)
            || !TryParseTime(authentication.Element("sessiontimeout"), out var timeout)
            || timeout <= stamp)
        {
            return null;
        }

        return timeout - stamp;
    }

    private static bool TryParseTime(XElement? element, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(Text(element), CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static string Text(XElement? element) => element?.Value.Trim() ?? "";
}
