namespace Refunds.StripeStandIn;

public enum FaultKind
{
    /// <summary>500 <c>api_error</c> without touching any state.</summary>
    ApiError,

    /// <summary>429 <c>rate_limit</c> without touching any state.</summary>
    RateLimit,

    /// <summary>429 <c>lock_timeout</c> without touching any state.</summary>
    LockTimeout,

    /// <summary>Waits <see cref="Fault.Duration"/>, then processes normally (the client may have given up).</summary>
    Delay,

    /// <summary>Processes the request (and saves its idempotent result), then answers 500 <c>api_error</c>.</summary>
    ProcessThenFail,
}

/// <summary>One misbehaviour, applied to the next Stripe API request (control endpoints are never faulted).</summary>
public sealed record Fault(FaultKind Kind, TimeSpan Duration = default)
{
    public static Fault ApiError { get; } = new(FaultKind.ApiError);

    public static Fault RateLimit { get; } = new(FaultKind.RateLimit);

    public static Fault LockTimeout { get; } = new(FaultKind.LockTimeout);

    public static Fault ProcessThenFail { get; } = new(FaultKind.ProcessThenFail);

    public static Fault Delay(TimeSpan duration) => new(FaultKind.Delay, duration);
}
