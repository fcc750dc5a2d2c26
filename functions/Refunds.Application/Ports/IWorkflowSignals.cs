using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// Tells the orchestrations what the ledger just recorded. Always called after the commit: the record is the truth,
/// a signal only makes an orchestration act on it now instead of at its next timer.
/// </summary>
public interface IWorkflowSignals
{
    /// <summary>
    /// Starts the orchestration that drives the record's next move (the refund, the late-failure reversal, or an Intacct
    /// reversal ops retried), unless that orchestration already runs. Safe to repeat.
    /// </summary>
    Task StartAsync(RefundWorkflow workflow, CancellationToken cancellationToken);

    /// <summary>Raises <paramref name="eventName"/> (a <c>WorkflowEvents</c> name) on the record's orchestration.</summary>
    Task RaiseAsync(RefundWorkflow workflow, string eventName, CancellationToken cancellationToken);

    /// <summary>Starts the orchestration that applies a verified Stripe event (instance id from the event id: once per event).</summary>
    Task StartStripeEventAsync(StripeEvent stripeEvent, CancellationToken cancellationToken);
}
