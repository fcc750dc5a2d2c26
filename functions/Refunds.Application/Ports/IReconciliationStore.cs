using Refunds.Application.Reconciliation;
using Refunds.Domain.Reconciliation;

namespace Refunds.Application.Ports;

/// <summary>
/// Reconciliation runs and their findings (one partition per run), and per connected account the findings that held
/// when last seen, so that a later run can show the ones that no longer hold as resolved.
/// </summary>
public interface IReconciliationStore
{
    /// <summary>Inserts the run; false when a run with its id exists already.</summary>
    Task<bool> TryCreateRunAsync(ReconciliationRun run, CancellationToken cancellationToken);

    Task<ReconciliationRun?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Replaces the run's row. Its only writers are the run's own activities, one after the other.</summary>
    Task SaveRunAsync(ReconciliationRun run, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces findings by id: a repeated save (an activity run again) changes nothing.</summary>
    Task SaveFindingsAsync(string runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken);

    /// <summary>Findings in id order after <paramref name="afterFindingId"/>, at most <paramref name="pageSize"/>.</summary>
    Task<FindingPage> GetFindingsAsync(string runId, string? afterFindingId, int pageSize, CancellationToken cancellationToken);

    IAsyncEnumerable<Finding> GetAllFindingsAsync(string runId, CancellationToken cancellationToken);

    Task<Versioned<Finding>?> GetFindingAsync(string runId, string findingId, CancellationToken cancellationToken);

    /// <summary>Replaces the finding if it still carries <paramref name="etag"/>; false when it changed meanwhile.</summary>
    Task<bool> ReplaceFindingAsync(string runId, Finding finding, string etag, CancellationToken cancellationToken);

    Task SaveAccountAsync(string runId, AccountReconciliation account, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountReconciliation>> GetAccountsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Remembers findings as holding for their connected account (inserts or replaces by id).</summary>
    Task MarkOpenAsync(string connectedAccountId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken);

    IAsyncEnumerable<Finding> GetOpenAsync(string connectedAccountId, CancellationToken cancellationToken);

    Task ForgetOpenAsync(string connectedAccountId, string findingId, CancellationToken cancellationToken);
}

public sealed record FindingPage(IReadOnlyList<Finding> Findings, string? NextAfter);
