using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Refunds.Application.Workflow;

public sealed class CrashPointOptions
{
    public const string Section = "Testing:CrashPoints";

    /// <summary>Names of crash points armed in this process; empty (the default) in every real deployment.</summary>
    public IList<string> Armed { get; init; } = [];
}

/// <summary>
/// Lets tests make an activity die at a named line, once per record, as a process crash would: the activity
/// fails after its side effect and runs again. Nothing is armed unless configuration says so.
/// </summary>
public sealed class CrashPoints(IOptions<CrashPointOptions> options)
{
    public const string AfterStripeRefundCreated = "after-stripe-refund-created";
    public const string AfterCommit = "after-commit";
    public const string AfterClaimBeforeSchedule = "after-claim-before-schedule";
    public const string AfterIntacctAnswered = "after-intacct-answered";
    public const string AfterReconciliationPage = "after-reconciliation-page";

    private readonly ConcurrentDictionary<string, byte> _fired = new(StringComparer.Ordinal);

    public void Hit(string name, string refundId)
    {
        if (options.Value.Armed.Contains(name) && _fired.TryAdd($"{name}|{refundId}", 0))
        {
            throw new SimulatedCrashException($"Simulated crash at {name} for {refundId}.");
        }
    }
}

public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
