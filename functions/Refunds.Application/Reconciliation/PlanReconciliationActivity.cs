using Microsoft.DurableTask;
using Refunds.Application.Ports;

namespace Refunds.Application.Reconciliation;

/// <summary>Marks the run started and names the accounts it covers: the one asked for, or every account the activity index names for the window.</summary>
public sealed class PlanReconciliationActivity(IReconciliationStore store, IActivityIndex index, TimeProvider time) : TaskActivity<ReconciliationInput, string[]>
{
    public override async Task<string[]> RunAsync(TaskActivityContext context, ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var accounts = new SortedSet<string>(StringComparer.Ordinal);
        if (input.ConnectedAccountId is { } one)
        {
            accounts.Add(one);
        }
        else
        {
            foreach (var day in ReconciliationIds.Days(input.From, input.To))
            {
                accounts.UnionWith(await index.GetAccountsAsync(day, CancellationToken.None));
            }
        }

        var run = await store.GetRunAsync(input.RunId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Reconciliation {input.RunId} has no run row.");
        if (!run.IsFinal)
        {
            await store.SaveRunAsync(
                run with { Status = ReconciliationStatus.Running, StartedAt = run.StartedAt ?? time.GetUtcNow(), AccountCount = accounts.Count },
                CancellationToken.None);
        }

        return [.. accounts];
    }
}
