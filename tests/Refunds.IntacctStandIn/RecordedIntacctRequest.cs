using System.Xml.Linq;

namespace Refunds.IntacctStandIn;

/// <summary>A request as received, in arrival order. <see cref="Body"/> is the raw XML, credentials included.</summary>
public sealed record RecordedIntacctRequest(DateTimeOffset ReceivedAt, string Path, string Body, string? Function)
{
    public XDocument Xml => XDocument.Parse(Body);
}
