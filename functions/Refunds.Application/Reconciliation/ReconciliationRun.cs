namespace Refunds.Application.Reconciliation;

public enum ReconciliationStatus
{
    Pending,
    Running,
    Completed,

    /// <summary>Ended, but some accounts could not be reconciled (their errors are listed); the others' findings stand.</summary>
    Failed,
}

/// <summary>A reconciliation over [<see cref="From"/>, <see cref="To"/>), of one connected account or of every account with activity in it.</summary>
public sealed record ReconciliationRun
{
    public required string RunId { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }

    /// <summary>Null: every connected account the activity index names for the window's days.</summary>
    public string? ConnectedAccountId { get; init; }

    public required string RequestedBy { get; init; }
    public required ReconciliationStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many accounts the run covers; known once it has started.</summary>
    public int? AccountCount { get; init; }

    /// <summary>Known once it has ended.</summary>
    public ReconciliationTotals? Totals { get; init; }

    public string? Error { get; init; }

    public bool IsFinal => Status is ReconciliationStatus.Completed or ReconciliationStatus.Failed;

    public ReconciliationInput Input => new(RunId, From, To, ConnectedAccountId);
}

/// <param name="OpenByCode">Findings that hold, by wire code.</param>
/// <param name="Resolved">Findings shown as resolved: recorded since, or found by an earlier run and no longer holding.</param>
/// <param name="EntitiesRead">Storage entities read to compare (index rows and ledger point reads).</param>
public sealed record ReconciliationTotals(
    int Accounts,
    int AccountsFailed,
    int StripeRefunds,
    int StripeRequests,
    int OurRefunds,
    long EntitiesRead,
    IReadOnlyDictionary<string, int> OpenByCode,
    int Open,
    int Resolved);

/// <summary>What one connected account's part of a run saw; <see cref="Error"/> set when it could not be reconciled.</summary>
/// <param name="StripeRequests">List pages plus single-refund reads.</param>
/// <param name="OurRefunds">Refunds of ours started in the window on the account (from the activity index).</param>
public sealed record AccountReconciliation(
    string ConnectedAccountId,
    int StripeRefunds,
    int StripeRequests,
    int OurRefunds,
    long EntitiesRead,
    IReadOnlyDictionary<string, int> FindingsByCode,
    string? Error = null)
{
    public static AccountReconciliation Failed(string connectedAccountId, string error) =>
        new(connectedAccountId, 0, 0, 0, 0, new Dictionary<string, int>(), error);
}

/// <summary>The orchestration's input; its instance id is the run id.</summary>
public sealed record ReconciliationInput(string RunId, DateTimeOffset From, DateTimeOffset To, string? ConnectedAccountId);

public sealed record AccountReconciliationInput(string RunId, string ConnectedAccountId, DateTimeOffset From, DateTimeOffset To);

public sealed record ReconciliationCompletion(string RunId, IReadOnlyList<AccountReconciliation> Accounts, string? Error);
