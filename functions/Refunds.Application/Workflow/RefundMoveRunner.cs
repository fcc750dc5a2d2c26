using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>
/// Runs one move of a record for an activity: load, check the record still wants this move now, decide (the only place
/// with side effects outside storage), commit with ETags, return the record as it is now. Activities run at least once:
/// a re-run after the commit finds the record past the move and returns it unchanged, and every side effect before
/// the commit (Stripe's idempotency key, our refund found by metadata) is safe to repeat.
/// </summary>
public sealed class RefundMoveRunner(
    ILedgerStore ledger,
    RefundSteps steps,
    CrashPoints crashPoints,
    IMoveTelemetry telemetry,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<RefundMoveRunner> logger)
{
    /// <summary>Durable timers on Azure Storage may fire up to a second early.</summary>
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    public async Task<RefundView> RunAsync(RefundInstance instance, WorkflowMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["RefundId"] = instance.RefundId,
            ["OrganizationId"] = instance.OrganizationId,
            ["Move"] = move.ToString(),
        });
        using var run = telemetry.Start(instance.OrganizationId, instance.RefundId, move);
        var (view, outcome) = await RunMoveAsync(instance, move, cancellationToken);
        run.Outcome = outcome;
        return view;
    }

    private async Task<(RefundView View, string Outcome)> RunMoveAsync(RefundInstance instance, WorkflowMove move, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetWorkflowAsync(instance.OrganizationId, instance.RefundId, cancellationToken);
            if (stored is null)
            {
                logger.LogWarning("Move {Move} for unknown refund {RefundId} in {OrganizationId} ignored", move, instance.RefundId, instance.OrganizationId);
                return (RefundView.Missing(instance), "unknown");
            }

            var workflow = stored.Value;
            var now = time.GetUtcNow();
            if (workflow.NextMove != move || workflow.NextMoveDueAt > now + DueTolerance)
            {
                return (RefundView.Of(workflow), "stale");
            }

            using var stepScope = logger.BeginScope(new Dictionary<string, object> { ["Step"] = workflow.Step.ToString() });
            StepDecision decision;
            try
            {
                decision = await steps.DecideAsync(stored, now, cancellationToken);
            }
            catch (StripeUnavailableException ex)
            {
                await RecordTransientErrorAsync(stored, ex.Message, now, cancellationToken);
                throw;
            }

            if (await ledger.CommitAsync(workflow.OrganizationId, decision.Writes, cancellationToken) == CommitOutcome.Conflict)
            {
                continue;
            }

            var next = decision.Transition.Workflow;
            logger.LogInformation(
                "Refund {RefundId} of {OrganizationId}: {FromStep} -> {ToStep} ({RuntimeStatus})",
                next.RefundId, next.OrganizationId, workflow.Step, next.Step, next.RuntimeStatus);
            crashPoints.Hit(CrashPoints.AfterCommit, next.RefundId);
            return (RefundView.Of(next), "advanced");
        }

        throw new WorkflowConflictException($"Refund {instance.RefundId} kept changing under move {move}; the activity will be retried.");
    }

    /// <summary>Makes the error visible to ops before the activity is retried; losing this race to another writer is fine.</summary>
    private async Task RecordTransientErrorAsync(Versioned<RefundWorkflow> stored, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transition = stored.Value.OnTransientError(error, now, now + options.Value.TransientRetryDelay);
        var outcome = await ledger.CommitAsync(stored.Value.OrganizationId, TransitionWrites.For(transition, stored.ETag), cancellationToken);
        logger.LogWarning("Refund {RefundId} step {Step} failed transiently ({Recorded}): {Error}", stored.Value.RefundId, stored.Value.Step, outcome, error);
    }
}

public sealed record StepDecision(Transition Transition, IReadOnlyList<LedgerWrite> Writes);

public sealed class WorkflowConflictException(string message) : Exception(message);
