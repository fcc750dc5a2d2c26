using Microsoft.DurableTask.Client;
using Refunds.Application.Ports;

namespace Refunds.Application.StripeEvents;

/// <summary>
/// The webhook's work before it answers: record the event id once, and apply the event to the ledger by key. An event
/// seen before and applied is only acknowledged. If applying throws, the event stays recorded as unapplied: the
/// webhook answers 5xx so Stripe redelivers it, and the reconciler applies it from the unapplied list meanwhile, so a
/// crash between recording and applying cannot lose it.
/// </summary>
public sealed class StripeWebhookIngest(IStripeEventLog log, StripeEventProcessor processor, TimeProvider time)
{
    public async Task<EventRecordOutcome> ReceiveAsync(DurableTaskClient durable, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var outcome = await log.RecordAsync(stripeEvent, time.GetUtcNow(), cancellationToken);
        if (outcome != EventRecordOutcome.SeenAndProcessed)
        {
            // Not the request's token: once recorded, a client that hangs up must not leave the event half applied.
            await processor.HandleAsync(durable, stripeEvent, CancellationToken.None);
        }

        return outcome;
    }
}
