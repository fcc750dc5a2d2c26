using System.Globalization;
using System.Xml.Linq;

namespace Refunds.IntacctStandIn;

/// <summary>Pieces of Intacct's response envelope.</summary>
internal static class StandInXml
{
    public static string ControlFailure(StandInError error, XElement? requestControl = null) =>
        Serialize(new XElement("response", Control("failure", requestControl), ErrorMessage([error])));

    public static XElement Control(string status, XElement? requestControl) =>
        new("control",
            new XElement("status", status),
            new XElement("senderid", Text(requestControl, "senderid")),
            new XElement("controlid", Text(requestControl, "controlid")),
            new XElement("uniqueid", Text(requestControl, "uniqueid")),
            new XElement("dtdversion", "3.0"));

    public static XElement ErrorMessage(IEnumerable<StandInError> errors) =>
        new("errormessage", errors.Select(e =>
            new XElement("error",
                new XElement("errorno", e.ErrorNo),
                new XElement("description", e.Description),
                new XElement("description2", e.Description2),
                new XElement("correction", e.Correction))));

    public static XElement Result(string status, string function, string controlId, params object[] content) =>
        new("result", new XElement("status", status), new XElement("function", function), new XElement("controlid", controlId), content);

    public static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Serialize(XElement response) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>{response.ToString(SaveOptions.DisableFormatting)}";

    public static string Text(XElement? parent, string name) => parent?.Element(name)?.Value.Trim() ?? "";
}
