namespace Refunds.IntacctStandIn;

/// <summary>
/// A one-shot misbehaviour, consumed by the first request whose function matches <see cref="Function"/>
/// (null: any request, getAPISession included).
/// </summary>
public abstract record StandInFault
{
    private StandInFault()
    {
    }

    public string? Function { get; init; }

    /// <summary>An HTTP error without executing anything (429, 502, 503, 504...).</summary>
    public static StandInFault HttpStatus(int status, string? function = null) => new HttpStatusFault(status, "") { Function = function };

    /// <summary>HTTP 429 with a GW-0010 body; nothing executed.</summary>
    public static StandInFault Throttled(string? function = null) => new HttpStatusFault(429, StandInXml.ControlFailure(StandInError.Throttled)) { Function = function };

    /// <summary>HTTP 200 whose control block fails with GW-0010; nothing executed.</summary>
    public static StandInFault ThrottledInBody(string? function = null) => new HttpStatusFault(200, StandInXml.ControlFailure(StandInError.Throttled)) { Function = function };

    /// <summary>HTTP 524; the request runs first when <paramref name="executeFirst"/>, so only its answer is lost.</summary>
    public static StandInFault OriginTimeout(bool executeFirst, string? function = null) => new OriginTimeoutFault(executeFirst) { Function = function };

    /// <summary>
    /// Answers late. With <paramref name="executeFirst"/> the request runs, then the answer waits; otherwise it waits first
    /// and does not run at all if the client gave up meanwhile.
    /// </summary>
    public static StandInFault Delay(TimeSpan delay, bool executeFirst, string? function = null) => new DelayFault(delay, executeFirst) { Function = function };

    /// <summary>The session used by the request expires just before it is checked.</summary>
    public static StandInFault SessionExpired(string? function = null) => new SessionExpiredFault { Function = function };

    /// <summary>The function fails with <paramref name="error"/> and the XL03000009 companion, without executing.</summary>
    public static StandInFault Error(StandInError error, string? function = null, bool rollbackNoticeFirst = false) =>
        new ErrorFault(error, rollbackNoticeFirst) { Function = function };

    internal sealed record HttpStatusFault(int Status, string Body) : StandInFault;

    internal sealed record OriginTimeoutFault(bool ExecuteFirst) : StandInFault;

    internal sealed record DelayFault(TimeSpan Wait, bool ExecuteFirst) : StandInFault;

    internal sealed record SessionExpiredFault : StandInFault;

    internal sealed record ErrorFault(StandInError Failure, bool RollbackNoticeFirst) : StandInFault;
}
