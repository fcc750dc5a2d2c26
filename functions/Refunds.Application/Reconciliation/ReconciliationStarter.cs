using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Refunds.Application.Ports;

namespace Refunds.Application.Reconciliation;

/// <summary>
/// Starts a run: its row first (so its id answers at once), then its orchestration (instance id = run id). Starting a
/// run that exists already is safe: a run not ended whose orchestration is missing or ended is scheduled again, which
/// is how a crash between the two writes heals on the next start of the same run (the daily run's next tick).
/// </summary>
public sealed class ReconciliationStarter(IReconciliationStore store)
{
    public async Task<ReconciliationRun> StartAsync(DurableTaskClient durable, ReconciliationRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(run);
        if (await store.TryCreateRunAsync(run, cancellationToken))
        {
            await ScheduleAsync(durable, run, cancellationToken);
            return run;
        }

        var stored = await store.GetRunAsync(run.RunId, cancellationToken) ?? run;
        if (!stored.IsFinal && !IsLive(await durable.GetInstanceAsync(stored.RunId, getInputsAndOutputs: false, cancellationToken)))
        {
            await ScheduleAsync(durable, stored, cancellationToken);
        }

        return stored;
    }

    private static async Task ScheduleAsync(DurableTaskClient durable, ReconciliationRun run, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                nameof(ReconciliationOrchestrator), run.Input, new StartOrchestrationOptions(run.RunId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Two starters raced: the other one's instance runs the run. Anything else is a real failure.
            if (!IsLive(await durable.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, cancellationToken)))
            {
                throw;
            }
        }
    }

    private static bool IsLive(OrchestrationMetadata? instance) =>
        instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended
#pragma warning disable CS0618 // ContinuedAsNew is obsolete but still reported by some backends while an instance restarts.
            or OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618
}
