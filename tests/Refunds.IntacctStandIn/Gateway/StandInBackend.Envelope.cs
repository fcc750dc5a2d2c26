using System.Security.Cryptography;
using System.Xml.Linq;

namespace Refunds.IntacctStandIn.Gateway;

internal sealed partial class StandInBackend
{
    /// <summary>Checks the envelope as Intacct does (control, then authentication, then each function) and executes it.</summary>
    public XElement Execute(XDocument? document, StandInFault? fault)
    {
        lock (_lock)
        {
            var now = options.Clock.GetUtcNow();
            var request = document?.Root;
            var control = request?.Element("control");
            if (request?.Name.LocalName != "request" || control is null)
            {
                return ControlFailure(control, StandInError.Malformed("The document must be a <request> with a <control> block."));
            }

            if (StandInXml.Text(control, "senderid") != options.SenderId || StandInXml.Text(control, "password") != options.SenderPassword)
            {
                return ControlFailure(control, StandInError.InvalidSender);
            }

            if (StandInXml.Text(control, "dtdversion") != "3.0")
            {
                return ControlFailure(control, StandInError.Malformed("control/dtdversion must be 3.0."));
            }

            var controlId = StandInXml.Text(control, "controlid");
            if (controlId.Length == 0)
            {
                return ControlFailure(control, StandInError.Malformed("control/controlid is required."));
            }

            var unique = StandInXml.Text(control, "uniqueid") == "true";
            var duplicate = unique && _recordedControlIds.Contains(controlId);
            if (duplicate && options.DuplicateControlIdLevel == DuplicateControlIdLevel.Control)
            {
                return ControlFailure(control, StandInError.DuplicateControlId(controlId));
            }

            var operation = request.Element("operation");
            var authentication = operation?.Element("authentication");
            var functions = operation?.Element("content")?.Elements("function").ToList() ?? [];
            if (authentication is null || functions.Count == 0)
            {
                return ControlFailure(control, StandInError.Malformed("operation needs an authentication block and at least one function."));
            }

            if (fault is StandInFault.SessionExpiredFault)
            {
                _sessions.Remove(StandInXml.Text(authentication, "sessionid"));
            }

            var identity = Authenticate(authentication, now, out var authError);
            if (identity is null)
            {
                return new XElement("response",
                    StandInXml.Control("success", control),
                    new XElement("operation",
                        new XElement("authentication",
                            new XElement("status", "failure"),
                            new XElement("userid", StandInXml.Text(authentication.Element("login"), "userid")),
                            new XElement("companyid", StandInXml.Text(authentication.Element("login"), "companyid")),
                            new XElement("locationid")),
                        StandInXml.ErrorMessage([authError!])));
            }

            var results = functions.Count > 1 && functions.Any(f => FunctionName(f) == "getAPISession")
                ? functions.Select(f => Failed(f, StandInError.Malformed("getAPISession must be the only function of its request."))).ToList()
                : functions.Select(f => duplicate
                    ? Failed(f, StandInError.DuplicateControlId(controlId))
                    : fault is StandInFault.ErrorFault injected
                        ? Aborted(f, injected.Failure, injected.RollbackNoticeFirst)
                        : ExecuteFunction(f, identity, now)).ToList();

            if (unique && results.All(r => StandInXml.Text(r, "status") == "success"))
            {
                _recordedControlIds.Add(controlId);
            }

            return new XElement("response",
                StandInXml.Control("success", control),
                new XElement("operation", AuthenticationBlock(identity, now), results));
        }
    }

    private Identity? Authenticate(XElement authentication, DateTimeOffset now, out StandInError? error)
    {
        error = null;
        var login = authentication.Element("login");
        if (login is not null)
        {
            if (StandInXml.Text(login, "userid") == options.UserId
                && StandInXml.Text(login, "companyid") == options.CompanyId
                && StandInXml.Text(login, "password") == options.UserPassword)
            {
                return new Identity(options.UserId, options.CompanyId, null);
            }

            error = StandInError.InvalidLogin;
            return null;
        }

        var sessionId = StandInXml.Text(authentication, "sessionid");
        if (_sessions.TryGetValue(sessionId, out var session) && now < session.ExpiresAt)
        {
            _sessions[sessionId] = session with { ExpiresAt = now + options.SessionLifetime };
            return new Identity(session.UserId, session.CompanyId, sessionId);
        }

        _sessions.Remove(sessionId);
        error = StandInError.InvalidSession;
        return null;
    }

    private string OpenSession(Identity identity, DateTimeOffset now)
    {
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) + "..";
        _sessions[sessionId] = new SessionEntry(identity.UserId, identity.CompanyId, now + options.SessionLifetime);
        _issuedSessionIds.Add(sessionId);
        identity.OpenedSessionId = sessionId;
        return sessionId;
    }

    private XElement AuthenticationBlock(Identity identity, DateTimeOffset now)
    {
        var sessionId = identity.SessionId ?? identity.OpenedSessionId;
        var expiresAt = sessionId is not null && _sessions.TryGetValue(sessionId, out var session) ? session.ExpiresAt : (DateTimeOffset?)null;
        return new XElement("authentication",
            new XElement("status", "success"),
            new XElement("userid", identity.UserId),
            new XElement("companyid", identity.CompanyId),
            new XElement("locationid"),
            new XElement("sessiontimestamp", StandInXml.Timestamp(now)),
            options.ReportSessionTimeout && expiresAt is { } expiry ? new XElement("sessiontimeout", StandInXml.Timestamp(expiry)) : null);
    }

    private static XElement ControlFailure(XElement? control, StandInError error) =>
        new("response", StandInXml.Control("failure", control), StandInXml.ErrorMessage([error]));

    private static string FunctionName(XElement function) => function.Elements().FirstOrDefault()?.Name.LocalName ?? "";

    private static XElement Failed(XElement function, StandInError error) =>
        StandInXml.Result("failure", FunctionName(function), function.Attribute("controlid")?.Value ?? "", StandInXml.ErrorMessage([error]));

    /// <summary>A business error rolls the function back; Intacct reports the cause beside XL03000009.</summary>
    private static XElement Aborted(XElement function, StandInError error, bool rollbackNoticeFirst = false) =>
        StandInXml.Result("aborted", FunctionName(function), function.Attribute("controlid")?.Value ?? "",
            StandInXml.ErrorMessage(rollbackNoticeFirst ? [StandInError.RolledBack, error] : [error, StandInError.RolledBack]));

    private sealed class Identity(string userId, string companyId, string? sessionId)
    {
        public string UserId { get; } = userId;

        public string CompanyId { get; } = companyId;

        public string? SessionId { get; } = sessionId;

        public string? OpenedSessionId { get; set; }
    }
}
