namespace Refunds.Storage.Queues;

/// <summary>How a <see cref="QueueListener"/> polls one queue. Defaults follow the Azure Functions queue trigger.</summary>
public sealed class QueueListenerOptions
{
    public string QueueName { get; set; } = "";

    /// <summary>Messages handled at the same time; also the most fetched by one receive (the service allows 32).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a received message stays hidden from other consumers. A failed message becomes visible again
    /// after it, which is also the delay before its retry. Handlers must finish well within it (it is not renewed).
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after an empty receive; doubles while the queue stays empty, up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts before a message moves to <see cref="PoisonQueueName"/>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    public string PoisonQueueName => QueueName + "-poison";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(QueueName))
        {
            throw new ArgumentException("QueueListenerOptions.QueueName is required.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDequeueCount, 1, nameof(MaxDequeueCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(VisibilityTimeout, TimeSpan.FromSeconds(1), nameof(VisibilityTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinPollingInterval, TimeSpan.Zero, nameof(MinPollingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPollingInterval, MinPollingInterval, nameof(MaxPollingInterval));
    }
}
