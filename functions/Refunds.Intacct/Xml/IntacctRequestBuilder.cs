using System.Globalization;
using System.Xml.Linq;
using Refunds.Application.Ports;

namespace Refunds.Intacct.Xml;

/// <summary>Builds the XML envelopes (DTD 3.0). The documents hold credentials: never log them.</summary>
internal static class IntacctRequestBuilder
{
    /// <summary>getAPISession must travel alone in its request, authenticated with the login credentials.</summary>
    public static XDocument GetApiSession(IntacctOptions options, string controlId) =>
        Envelope(
            options,
            controlId,
            uniqueId: false,
            new XElement("login",
                new XElement("userid", options.UserId),
                new XElement("companyid", options.CompanyId),
                new XElement("password", options.UserPassword)),
            new XElement("function", new XAttribute("controlid", controlId), new XElement("getAPISession")));

    /// <summary>
    /// uniqueid=true plus the request's deterministic control id at both levels makes Intacct refuse a second
    /// execution ("already been recorded with the control id") instead of reversing twice.
    /// </summary>
    public static XDocument ReverseArPayment(IntacctOptions options, string sessionId, IntacctReversalRequest request) =>
        Envelope(
            options,
            request.ControlId,
            uniqueId: true,
            Session(sessionId),
            new XElement("function", new XAttribute("controlid", request.ControlId),
                new XElement("reverse_arpayment", new XAttribute("key", request.ArPaymentKey),
                    new XElement("datereversed",
                        new XElement("year", request.ReversalDate.Year.ToString("D4", CultureInfo.InvariantCulture)),
                        new XElement("month", request.ReversalDate.Month.ToString("D2", CultureInfo.InvariantCulture)),
                        new XElement("day", request.ReversalDate.Day.ToString("D2", CultureInfo.InvariantCulture))),
                    new XElement("description", request.Description))));

    public static XDocument ReadArPayment(IntacctOptions options, string sessionId, string recordNo, string controlId) =>
        Envelope(
            options,
            controlId,
            uniqueId: false,
            Session(sessionId),
            new XElement("function", new XAttribute("controlid", controlId),
                new XElement("read",
                    new XElement("object", "ARPYMT"),
                    new XElement("keys", recordNo),
                    new XElement("fields", "*"))));

    private static XElement Session(string sessionId) => new("sessionid", sessionId);

    private static XDocument Envelope(IntacctOptions options, string controlId, bool uniqueId, XElement credentials, XElement function) =>
        new(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement("request",
                new XElement("control",
                    new XElement("senderid", options.SenderId),
                    new XElement("password", options.SenderPassword),
                    new XElement("controlid", controlId),
                    new XElement("uniqueid", uniqueId ? "true" : "false"),
                    new XElement("dtdversion", "3.0"),
                    new XElement("includewhitespace", "false")),
                new XElement("operation",
                    new XElement("authentication", credentials),
                    new XElement("content", function))));
}
