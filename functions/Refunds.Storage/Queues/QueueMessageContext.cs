namespace Refunds.Storage.Queues;

/// <summary>One delivery of a queue message to a handler; <see cref="Body"/> is the decoded text.</summary>
public sealed record QueueMessageContext(string MessageId, string Body, long DequeueCount, DateTimeOffset? InsertedOn);

/// <summary>Handles messages of one queue; throwing means "not done", and the message is delivered again.</summary>
public interface IQueueMessageHandler
{
    Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken);
}
