using Refunds.Application.Ports;

namespace Refunds.Application.StripeEvents;

/// <summary>
/// The webhook's only work before answering: record the event id once and queue the event. An event seen before
/// but never marked processed is queued again, so a crash between recording and queuing cannot lose it:
/// Stripe redelivers until we answer 2xx.
/// </summary>
public sealed class StripeWebhookIngest(IStripeEventLog log, IStripeEventQueue queue, TimeProvider time)
{
    public async Task<EventRecordOutcome> ReceiveAsync(StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var outcome = await log.RecordAsync(stripeEvent, time.GetUtcNow(), cancellationToken);
        if (outcome != EventRecordOutcome.SeenAndProcessed)
        {
            await queue.EnqueueAsync(stripeEvent, cancellationToken);
        }

        return outcome;
    }
}
