using Azure;
using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Refunds.Storage.Queues;

/// <summary>
/// A message that is not Base64 (someone sent raw text) cannot be decoded; the SDK then leaves it out of the
/// receive and raises an event. Like the Functions host, we move it, as received, to the poison queue;
/// otherwise it would sit in the queue forever, invisible to every handler.
/// </summary>
internal static class UndecodableMessages
{
    public static SyncAsyncEventHandler<QueueMessageDecodingFailedEventArgs> MoveToPoison(QueueServiceClient rawQueues) =>
        async args =>
        {
            if (args.ReceivedMessage is not { } message || args.Queue.Name.EndsWith(PoisonSuffix, StringComparison.Ordinal))
            {
                return;
            }

            var poison = rawQueues.GetQueueClient(args.Queue.Name + PoisonSuffix);
            if (args.IsRunningSynchronously)
            {
                poison.CreateIfNotExists(cancellationToken: args.CancellationToken);
                poison.SendMessage(message.Body, timeToLive: NeverExpires, cancellationToken: args.CancellationToken);
                DeleteIfPresent(() => args.Queue.DeleteMessage(message.MessageId, message.PopReceipt, args.CancellationToken));
            }
            else
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
                await poison.SendMessageAsync(message.Body, timeToLive: NeverExpires, cancellationToken: args.CancellationToken);
                await DeleteIfPresentAsync(() => args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken));
            }
        };

    private const string PoisonSuffix = "-poison";

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private static void DeleteIfPresent(Func<Response> delete)
    {
        try
        {
            delete();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone or received again by someone else: the copy in the poison queue is what matters.
        }
    }

    private static async Task DeleteIfPresentAsync(Func<Task<Response>> delete)
    {
        try
        {
            await delete();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone or received again by someone else: the copy in the poison queue is what matters.
        }
    }
}
