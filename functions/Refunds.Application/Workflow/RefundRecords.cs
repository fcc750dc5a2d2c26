using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>
/// How an activity moves a refund record one step: load it, check it still wants this step now, decide (the only
/// place with side effects outside storage), commit under ETags, and return where the record stands. Activities run
/// at least once: a re-run after the commit finds the record past the step and returns it unchanged, and every side
/// effect before the commit (Stripe's idempotency key, our refund found by metadata, Intacct's control id) is safe to repeat.
/// </summary>
public sealed partial class RefundRecords(
    ILedgerStore ledger,
    ConflictRetry retry,
    CrashPoints crashPoints,
    IMoveTelemetry telemetry,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<RefundRecords> logger)
{
    /// <summary>Durable timers on Azure Storage may fire up to a second early.</summary>
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    /// <param name="step">The step this activity performs, for logs and telemetry.</param>
    /// <param name="wants">Whether the record, as stored now, still asks for this step.</param>
    /// <param name="decide">The step's work on the stored record and its payment, at the given time.</param>
    public async Task<RefundProgress> AdvanceAsync(
        RefundInstance refund,
        RefundStep step,
        Func<RefundWorkflow, bool> wants,
        Func<Versioned<RefundWorkflow>, Versioned<Payment>, DateTimeOffset, CancellationToken, Task<RecordChange>> decide)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(wants);
        ArgumentNullException.ThrowIfNull(decide);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["RefundId"] = refund.RefundId,
            ["OrganizationId"] = refund.OrganizationId,
            ["Step"] = step.ToString(),
        });
        using var run = telemetry.Start(refund.OrganizationId, refund.RefundId, step);
        var outcome = "unknown";
        var progress = await retry.UntilCommittedAsync<RefundProgress>($"Refund {refund.RefundId}", async ct =>
        {
            var stored = await ledger.GetWorkflowAsync(refund.OrganizationId, refund.RefundId, ct);
            if (stored is null)
            {
                LogUnknown(step, refund.RefundId, refund.OrganizationId);
                return RefundProgress.Missing;
            }

            var now = time.GetUtcNow();
            if (!wants(stored.Value) || stored.Value.OrchestrationDueAt > now + DueTolerance)
            {
                outcome = "stale";
                return RefundProgress.Of(stored.Value);
            }

            var payment = await ledger.GetPaymentAsync(refund.OrganizationId, stored.Value.PaymentId, ct)
                ?? throw new InvalidOperationException($"Payment {stored.Value.PaymentId} of refund {refund.RefundId} is missing.");
            RecordChange change;
            try
            {
                change = await decide(stored, payment, now, ct);
                outcome = "advanced";
            }
            catch (StripeUnavailableException ex)
            {
                // Shown to ops on the record; the orchestration sleeps until the retry time it records.
                change = RecordChange.Of(stored.Value.OnTransientError(ex.Message, now, now + options.Value.TransientRetryDelay), stored);
                outcome = "transient_error";
                LogTransient(refund.RefundId, step, ex.Message);
            }

            var writes = change.Writes
                .Concat(await ReservationRelease.WritesAsync(ledger, stored.Value, change.Transition.Workflow, ct))
                .ToList();
            if (await ledger.CommitAsync(refund.OrganizationId, writes, ct) == CommitOutcome.Conflict)
            {
                return Attempt.Lost<RefundProgress>();
            }

            var next = change.Transition.Workflow;
            LogMoved(next.RefundId, next.OrganizationId, stored.Value.Step, next.Step, next.RuntimeStatus);
            crashPoints.Hit(CrashPoints.AfterCommit, next.RefundId);
            return RefundProgress.Of(next);
        }, CancellationToken.None);
        run.Outcome = outcome;
        return progress;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {Step} for unknown refund {RefundId} in {OrganizationId} ignored")]
    private partial void LogUnknown(RefundStep step, string refundId, string organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId} step {Step} failed transiently; retried at the time recorded on it: {Error}")]
    private partial void LogTransient(string refundId, RefundStep step, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} of {OrganizationId}: {FromStep} -> {ToStep} ({RuntimeStatus})")]
    private partial void LogMoved(string refundId, string organizationId, RefundStep fromStep, RefundStep toStep, RuntimeStatus runtimeStatus);
}
