using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>First delay before asking Stripe again about a refund that is not final.</summary>
    public TimeSpan PollFirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PollMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its due time a record may sit before the reconciler wakes (or starts) its orchestration.</summary>
    public TimeSpan StallGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a move waits after a transient failure it has recorded before the orchestration tries it again.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stripe forgets idempotency keys after 24 hours; past this age we look our refund up before creating it.</summary>
    public TimeSpan IdempotencyKeyTrust { get; set; } = TimeSpan.FromHours(23);

    public int MaxConflictRetries { get; set; } = 5;

    /// <summary>How often a refund waiting for the connected account's balance checks it (besides balance.available events).</summary>
    public TimeSpan BalanceCheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a refund Stripe refused for insufficient balance waits for funds before it fails.</summary>
    public TimeSpan InsufficientFundsGiveUpAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Records stored before the refund indexes existed that one reconciler pass indexes (the backfill goes on next pass).</summary>
    public int IndexBackfillPerPass { get; set; } = 1000;

    public PollingPolicy Polling => new(PollFirstDelay, PollMaxDelay);
}
