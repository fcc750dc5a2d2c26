using Azure.Storage.Queues;
using Refunds.Application.Ports;

namespace Refunds.Storage.Queues;

/// <summary>Verified Stripe events on an Azure Storage queue (Base64, as the Functions queue trigger reads it).</summary>
public sealed class AzureStripeEventQueue : IStripeEventQueue
{
    private readonly QueueClient _queue;
    private readonly QueueWakeups? _wakeups;

    public AzureStripeEventQueue(QueueClient queue, QueueWakeups? wakeups = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
        _wakeups = wakeups;
    }

    /// <summary>Never expires: Stripe will not send an event again once we answered 2xx.</summary>
    public async Task EnqueueAsync(StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        await _queue.SendMessageAsync(
            BinaryData.FromString(StripeEventJson.Serialize(stripeEvent)),
            visibilityTimeout: TimeSpan.Zero,
            timeToLive: TimeSpan.FromSeconds(-1),
            cancellationToken: cancellationToken);
        _wakeups?.Notify(_queue.Name);
    }
}
