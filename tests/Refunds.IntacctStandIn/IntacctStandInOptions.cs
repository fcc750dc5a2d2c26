namespace Refunds.IntacctStandIn;

public enum DuplicateControlIdLevel
{
    /// <summary>control/status failure with the error under response/errormessage.</summary>
    Control,

    /// <summary>control and authentication succeed; the function's result fails.</summary>
    Result,
}

public sealed class IntacctStandInOptions
{
    /// <summary>Port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    public string SenderId { get; set; } = "standin-sender";

    public string SenderPassword { get; set; } = "standin-sender-password";

    public string UserId { get; set; } = "standin-user";

    public string CompanyId { get; set; } = "standin-company";

    public string UserPassword { get; set; } = "standin-user-password";

    /// <summary>Sliding: every request made with the session pushes its timeout this far.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>When false, answers carry sessiontimestamp but no sessiontimeout, so clients fall back to their own lifetime.</summary>
    public bool ReportSessionTimeout { get; set; } = true;

    /// <summary>Clock for session expiry and timestamps (share a FakeTimeProvider with the client to test expiry). Delays always use real time.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Processing time of every request, in real time; makes concurrency observable.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Path of the endpoint that getAPISession names for the session's business requests.</summary>
    public string SessionEndpointPath { get; set; } = "/ia/xml/xmlgw.phtml";

    public DuplicateControlIdLevel DuplicateControlIdLevel { get; set; } = DuplicateControlIdLevel.Control;

    /// <summary>When set, that share of requests (getAPISession included) fails at random (default: none).</summary>
    public RandomFaults? RandomFaults { get; set; }
}
