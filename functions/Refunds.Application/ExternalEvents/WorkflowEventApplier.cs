using Microsoft.DurableTask.Client;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.ExternalEvents;

/// <summary>
/// Records something that happened outside the orchestration (a webhook, an admin action) on the refund record: a pure
/// transition, committed with the record's and the payment's ETags, then the orchestration is signalled with the
/// record's new progress. A lost race reloads and decides again, so a decision is always made on the current state.
/// </summary>
public sealed class WorkflowEventApplier(ILedgerStore ledger, IWorkflowSignals signals, ConflictRetry retry)
{
    /// <summary>A decision from a transition that may be null ("nothing new"), without turning null into a success.</summary>
    public static Result<Transition>? Changed(Transition? transition) =>
        transition is null ? null : (Result<Transition>?)transition;

    /// <param name="decide">The transition for the current state; null when the event changes nothing, or why it is refused.</param>
    /// <param name="signal">The signal raised on the orchestration after the commit; null: the caller signals.</param>
    public async Task<AppliedEvent> ApplyAsync(
        DurableTaskClient durable,
        string organizationId,
        string refundId,
        Func<RefundWorkflow, Payment, CancellationToken, Task<Result<Transition>?>> decide,
        Func<RefundProgress, IRefundSignal>? signal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var applied = await retry.UntilCommittedAsync<AppliedEvent>($"Refund {refundId}", async ct =>
        {
            var stored = await ledger.GetWorkflowAsync(organizationId, refundId, ct);
            if (stored is null)
            {
                return new AppliedEvent.NotFound();
            }

            var payment = await ledger.GetPaymentAsync(organizationId, stored.Value.PaymentId, ct)
                ?? throw new InvalidOperationException($"Payment {stored.Value.PaymentId} of refund {refundId} is missing.");
            var decision = await decide(stored.Value, payment.Value, ct);
            if (decision is not { } result)
            {
                return new AppliedEvent.Unchanged(stored.Value);
            }

            if (result.Error is { } error)
            {
                return new AppliedEvent.Refused(stored.Value, error);
            }

            var change = RecordChange.Of(result.Value, stored, payment);
            var writes = change.Writes
                .Concat(await ReservationRelease.WritesAsync(ledger, stored.Value, change.Transition.Workflow, ct))
                .ToList();
            return await ledger.CommitAsync(organizationId, writes, ct) == CommitOutcome.Conflict
                ? Attempt.Lost<AppliedEvent>()
                : new AppliedEvent.Applied(change.Transition.Workflow);
        }, cancellationToken);

        // If this signal is lost, the orchestration still finds the change at its next timer.
        if (applied is AppliedEvent.Applied { Workflow: var workflow } && signal is not null)
        {
            await signals.RaiseAsync(durable, workflow, signal(RefundProgress.Of(workflow)), cancellationToken);
        }

        return applied;
    }
}

public abstract record AppliedEvent
{
    private AppliedEvent()
    {
    }

    public sealed record NotFound : AppliedEvent;

    /// <summary>The event told the workflow nothing new (a repeat, an older state, or not its business).</summary>
    public sealed record Unchanged(RefundWorkflow Workflow) : AppliedEvent;

    public sealed record Refused(RefundWorkflow Workflow, DomainError Error) : AppliedEvent;

    public sealed record Applied(RefundWorkflow Workflow) : AppliedEvent;
}
