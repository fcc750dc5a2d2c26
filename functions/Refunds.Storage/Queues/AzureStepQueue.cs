using Azure.Storage.Queues;
using Refunds.Application.Ports;

namespace Refunds.Storage.Queues;

/// <summary>
/// Step messages on an Azure Storage queue. The client must use Base64 message encoding (see
/// <see cref="Hosting.StorageClientFactory.CreateQueueClientOptions"/>), which an Azure Functions queue trigger expects.
/// </summary>
public sealed class AzureStepQueue : IStepQueue
{
    /// <summary>The service's limit for a message's initial invisibility.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    /// <summary>Step messages never expire: the service's default of 7 days would silently drop a long timer.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _queue;
    private readonly QueueWakeups? _wakeups;

    public AzureStepQueue(QueueClient queue, QueueWakeups? wakeups = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _queue = queue;
        _wakeups = wakeups;
    }

    /// <summary>
    /// A delay beyond <see cref="MaxDelay"/> is cut to it: the caller keeps the real due time on the workflow
    /// and, when the early message arrives, re-arms the timer for the rest. A negative delay means "now".
    /// </summary>
    public async Task EnqueueAsync(StepMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await _queue.SendMessageAsync(
            BinaryData.FromString(StepMessageJson.Serialize(message)),
            visibilityTimeout: visibility,
            timeToLive: NeverExpires,
            cancellationToken: cancellationToken);
        if (visibility == TimeSpan.Zero)
        {
            _wakeups?.Notify(_queue.Name);
        }
    }
}
