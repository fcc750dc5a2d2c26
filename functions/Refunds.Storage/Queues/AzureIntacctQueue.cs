using System.Text.Json;
using Azure.Storage.Queues;
using Refunds.Application.Ports;

namespace Refunds.Storage.Queues;

/// <summary>Intacct reversal messages, Base64-encoded like every queue an Azure Functions trigger reads.</summary>
public sealed class AzureIntacctQueue(QueueClient queue, QueueWakeups? wakeups = null) : IIntacctQueue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(IntacctReversalMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > AzureStepQueue.MaxDelay ? AzureStepQueue.MaxDelay : delay;
        await queue.SendMessageAsync(
            BinaryData.FromString(JsonSerializer.Serialize(message, Json)),
            visibilityTimeout: visibility,
            timeToLive: TimeSpan.FromSeconds(-1),
            cancellationToken: cancellationToken);
        if (visibility == TimeSpan.Zero)
        {
            wakeups?.Notify(queue.Name);
        }
    }
}
