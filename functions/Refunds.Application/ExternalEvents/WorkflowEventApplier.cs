using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.ExternalEvents;

/// <summary>
/// Records something that happened outside the workflow (a webhook, an admin action) on the instance: a pure
/// transition, committed with the instance's and the payment's ETags, then its orchestration is woken.
/// A lost race reloads and decides again, so a decision is always made on the current state.
/// </summary>
public sealed class WorkflowEventApplier(ILedgerStore ledger, IWorkflowSignals signals, IOptions<WorkflowOptions> options)
{
    /// <summary>A decision from a transition that may be null ("nothing new"), without turning null into a success.</summary>
    public static Result<Transition>? Changed(Transition? transition) =>
        transition is null ? null : (Result<Transition>?)transition;

    /// <param name="decide">The transition for the current state; null when the event changes nothing, or why it is refused.</param>
    /// <param name="wakeEvent">The <c>WorkflowEvents</c> event raised on the orchestration after the commit; null: the caller signals.</param>
    public async Task<AppliedEvent> ApplyAsync(
        string organizationId,
        string refundId,
        Func<RefundWorkflow, Payment, CancellationToken, Task<Result<Transition>?>> decide,
        string? wakeEvent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetWorkflowAsync(organizationId, refundId, cancellationToken);
            if (stored is null)
            {
                return new AppliedEvent.NotFound();
            }

            var payment = await ledger.GetPaymentAsync(organizationId, stored.Value.PaymentId, cancellationToken)
                ?? throw new InvalidOperationException($"Payment {stored.Value.PaymentId} of refund {refundId} is missing.");
            var decision = await decide(stored.Value, payment.Value, cancellationToken);
            if (decision is not { } result)
            {
                return new AppliedEvent.Unchanged(stored.Value);
            }

            if (result.Error is { } error)
            {
                return new AppliedEvent.Refused(stored.Value, error);
            }

            var transition = result.Value;
            var writes = TransitionWrites.For(transition, stored.ETag, payment)
                .Concat(await ReservationRelease.WritesAsync(ledger, stored.Value, transition.Workflow, cancellationToken))
                .ToList();
            if (await ledger.CommitAsync(organizationId, writes, cancellationToken) == CommitOutcome.Conflict)
            {
                continue;
            }

            // If this signal is lost, the orchestration still finds the change at its next timer.
            if (wakeEvent is not null)
            {
                await signals.RaiseAsync(transition.Workflow, wakeEvent, cancellationToken);
            }

            return new AppliedEvent.Applied(transition.Workflow);
        }

        throw new WorkflowConflictException($"Refund {refundId} kept changing while an external event was recorded on it.");
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
