using Refunds.Application.Ports;

namespace Refunds.Application.Reconciliation;

/// <summary>A run as it stands, with one page of its findings; while it runs, the accounts done so far.</summary>
public sealed record ReconciliationView(ReconciliationRun Run, FindingPage Findings, IReadOnlyList<AccountReconciliation> Accounts);

public sealed class ReconciliationQuery(IReconciliationStore store)
{
    public async Task<ReconciliationView?> GetAsync(string runId, string? afterFindingId, int pageSize, CancellationToken cancellationToken)
    {
        if (await store.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var page = await store.GetFindingsAsync(runId, afterFindingId, pageSize, cancellationToken);
        // Once the run has ended its totals say it all; while it runs, the accounts done so far show its progress.
        var accounts = run.IsFinal ? [] : await store.GetAccountsAsync(runId, cancellationToken);
        return new ReconciliationView(run, page, accounts);
    }
}
