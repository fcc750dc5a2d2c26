using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>
/// Runs the step a message asks for: load, decide (the only place with side effects outside storage),
/// commit with ETags, queue the successor, and only then let the caller acknowledge the message.
/// A crash anywhere leaves either the old state (the message comes back) or the new state without its
/// successor message (the sweeper re-enqueues it); every side effect is idempotent, so both are safe.
/// </summary>
public sealed class StepRunner(
    ILedgerStore ledger,
    StepScheduler scheduler,
    RefundSteps steps,
    CrashPoints crashPoints,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<StepRunner> logger)
{
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    public Task<StepRunOutcome> RunAsync(StepMessage message, CancellationToken cancellationToken) =>
        RunAsync(message, stepKnown: null, cancellationToken);

    /// <param name="stepKnown">Told which step the message turned out to ask for, once the workflow is loaded (for telemetry).</param>
    public async Task<StepRunOutcome> RunAsync(StepMessage message, Action<RefundStep>? stepKnown, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetWorkflowAsync(message.OrganizationId, message.RefundId, cancellationToken);
            if (stored is null)
            {
                logger.LogWarning("Step message for unknown refund {RefundId} in {OrganizationId} ignored", message.RefundId, message.OrganizationId);
                return StepRunOutcome.Unknown;
            }

            var workflow = stored.Value;
            if (workflow.IsTerminal || workflow.Sequence != message.Sequence)
            {
                return StepRunOutcome.Stale;
            }

            stepKnown?.Invoke(workflow.Step);
            using var stepScope = logger.BeginScope(new Dictionary<string, object> { ["Step"] = workflow.Step.ToString() });

            var now = time.GetUtcNow();
            if (workflow.DueAt > now + DueTolerance)
            {
                await scheduler.ScheduleAsync(workflow, cancellationToken);
                return StepRunOutcome.Deferred;
            }

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
            crashPoints.Hit(CrashPoints.AfterCommitBeforeEnqueue, next.RefundId);
            await scheduler.ScheduleAsync(next, cancellationToken);
            return StepRunOutcome.Advanced;
        }

        throw new WorkflowConflictException($"Refund {message.RefundId} kept changing under step {message.Sequence}; the message will be retried.");
    }

    /// <summary>Makes the error visible to ops before the queue retries; losing this race to another writer is fine.</summary>
    private async Task RecordTransientErrorAsync(Versioned<RefundWorkflow> stored, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transition = stored.Value.OnTransientError(error, now, now + options.Value.TransientRetryDelay);
        var outcome = await ledger.CommitAsync(stored.Value.OrganizationId, TransitionWrites.For(transition, stored.ETag), cancellationToken);
        logger.LogWarning("Refund {RefundId} step {Step} failed transiently ({Recorded}): {Error}", stored.Value.RefundId, stored.Value.Step, outcome, error);
    }
}

public sealed record StepDecision(Transition Transition, IReadOnlyList<LedgerWrite> Writes);

public sealed class WorkflowConflictException(string message) : Exception(message);
