using Refunds.Application.Ports;

namespace Refunds.Application.StripeEvents;

/// <summary>
/// The webhook's only work before answering: record the event id once and start the event's orchestration. An event
/// seen before but never marked processed is started again (a no-op while its instance runs), so a crash between
/// recording and starting cannot lose it: Stripe redelivers until we answer 2xx.
/// </summary>
public sealed class StripeWebhookIngest(IStripeEventLog log, IWorkflowSignals signals, TimeProvider time)
{
    public async Task<EventRecordOutcome> ReceiveAsync(StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var outcome = await log.RecordAsync(stripeEvent, time.GetUtcNow(), cancellationToken);
        if (outcome != EventRecordOutcome.SeenAndProcessed)
        {
            await signals.StartStripeEventAsync(stripeEvent, cancellationToken);
        }

        return outcome;
    }
}
