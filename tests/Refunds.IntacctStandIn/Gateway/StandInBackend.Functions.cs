using System.Globalization;
using System.Xml.Linq;

namespace Refunds.IntacctStandIn.Gateway;

internal sealed partial class StandInBackend
{
    private XElement ExecuteFunction(XElement function, Identity identity, DateTimeOffset now)
    {
        var controlId = function.Attribute("controlid")?.Value ?? "";
        var name = FunctionName(function);
        if (controlId.Length == 0)
        {
            return Failed(function, StandInError.Malformed("function/@controlid is required."));
        }

        var body = function.Elements().First();
        return name switch
        {
            "getAPISession" => StandInXml.Result("success", name, controlId,
                new XElement("data",
                    new XElement("api",
                        new XElement("sessionid", OpenSession(identity, now)),
                        new XElement("endpoint", sessionEndpoint().ToString()),
                        new XElement("locationid")))),
            "reverse_arpayment" => Reverse(function, body),
            "read" => Read(function, body),
            _ => Failed(function, StandInError.Malformed($"The stand-in does not implement {name}.")),
        };
    }

    private XElement Reverse(XElement function, XElement reversal)
    {
        var key = reversal.Attribute("key")?.Value.Trim() ?? "";
        var dateReversed = reversal.Element("datereversed");
        if (!int.TryParse(StandInXml.Text(dateReversed, "year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(StandInXml.Text(dateReversed, "month"), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(StandInXml.Text(dateReversed, "day"), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !DateOnly.TryParseExact($"{year:D4}-{month:D2}-{day:D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Failed(function, StandInError.Malformed("datereversed needs a valid year, month and day."));
        }

        if (!_payments.TryGetValue(key, out var payment))
        {
            return Aborted(function, StandInError.UnknownArPayment(key));
        }

        if (payment.State == StandInArPaymentState.Reversed)
        {
            return Aborted(function, StandInError.AlreadyReversed(key));
        }

        if (date < payment.PaymentDate)
        {
            return Aborted(function, StandInError.BeforePaymentDate(payment.PaymentDate));
        }

        if (_closedThrough is { } closed && date <= closed)
        {
            return Aborted(function, StandInError.ClosedPeriod(closed));
        }

        payment.State = StandInArPaymentState.Reversed;
        payment.ReversalDate = date;
        payment.ReversalDescription = StandInXml.Text(reversal, "description");
        payment.ReversalCount++;
        return StandInXml.Result("success", "reverse_arpayment", function.Attribute("controlid")!.Value, new XElement("key", key));
    }

    /// <summary>read of ARPYMT; unknown keys are left out of the data, as Intacct does.</summary>
    private XElement Read(XElement function, XElement read)
    {
        var controlId = function.Attribute("controlid")!.Value;
        if (!string.Equals(StandInXml.Text(read, "object"), "ARPYMT", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(function, StandInError.Malformed($"The stand-in only reads ARPYMT, not {StandInXml.Text(read, "object")}."));
        }

        var fields = StandInXml.Text(read, "fields");
        var wanted = fields is "" or "*" ? null : fields.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var records = StandInXml.Text(read, "keys").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(_payments.ContainsKey)
            .Select(k => _payments[k])
            .Select(p => new XElement("ARPYMT",
                new[]
                {
                    new XElement("RECORDNO", p.Key),
                    new XElement("STATE", p.State == StandInArPaymentState.Reversed ? "Reversed" : "Posted"),
                    new XElement("PAYMENTDATE", StandInError.Us(p.PaymentDate)),
                    new XElement("TOTALENTERED", (p.AmountMinor / 100m).ToString("0.00", CultureInfo.InvariantCulture)),
                    new XElement("CURRENCY", p.Currency),
                }.Where(e => wanted is null || wanted.Contains(e.Name.LocalName))))
            .ToList();
        return StandInXml.Result("success", "read", controlId,
            new XElement("data", new XAttribute("listtype", "ARPYMT"), new XAttribute("count", records.Count), records));
    }
}
