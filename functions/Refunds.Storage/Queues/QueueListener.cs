using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Refunds.Storage.Queues;

/// <summary>
/// Plays the Azure Functions host's queue trigger when the app runs on its own: polls one queue, hands each
/// message to the handler, deletes it when the handler returns, and leaves it to reappear after its visibility
/// timeout when the handler throws. After <see cref="QueueListenerOptions.MaxDequeueCount"/> failed attempts
/// the message moves to <c>{queue}-poison</c>, as the host does.
/// </summary>
public sealed partial class QueueListener : BackgroundService
{
    /// <summary>The service returns at most 32 messages per receive.</summary>
    private const int MaxReceiveBatch = 32;

    private readonly QueueClient _queue;
    private readonly QueueClient _poisonQueue;
    private readonly QueueListenerOptions _options;
    private readonly Func<QueueMessageContext, CancellationToken, Task> _handler;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueListener> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly QueueWakeups _wakeups;

    /// <param name="queues">Must decode Base64 messages (see <see cref="Hosting.StorageClientFactory.CreateQueueClientOptions"/>).</param>
    public QueueListener(
        QueueServiceClient queues,
        QueueListenerOptions options,
        Func<QueueMessageContext, CancellationToken, Task> handler,
        TimeProvider timeProvider,
        ILogger<QueueListener> logger,
        QueueWakeups? wakeups = null)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _queue = queues.GetQueueClient(options.QueueName);
        _poisonQueue = queues.GetQueueClient(options.PoisonQueueName);
        _handler = handler;
        _time = timeProvider;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _wakeups = wakeups ?? new QueueWakeups();
    }

    public string QueueName => _options.QueueName;

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = _options.MinPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _slots.WaitAsync(stoppingToken);
                QueueMessage[] messages;
                try
                {
                    messages = await ReceiveAsync(Math.Min(MaxReceiveBatch, 1 + _slots.CurrentCount), stoppingToken);
                }
                catch (Exception)
                {
                    // Only cancellation gets here (ReceiveAsync logs everything else); the slot must not leak, or stopping would wait for it forever.
                    _slots.Release();
                    throw;
                }

                if (messages.Length == 0)
                {
                    _slots.Release();
                    await _wakeups.WaitAsync(_options.QueueName, idle, _time, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = _options.MinPollingInterval;
                for (var i = 0; i < messages.Length; i++)
                {
                    if (i > 0)
                    {
                        // Free already: only this loop takes slots, and no more messages were asked for than were free.
                        await _slots.WaitAsync(stoppingToken);
                    }

                    _ = HandleAndReleaseAsync(messages[i], stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: messages not yet handled reappear after their visibility timeout.
        }

        await DrainAsync();
    }

    private async Task<QueueMessage[]> ReceiveAsync(int maxMessages, CancellationToken stoppingToken)
    {
        try
        {
            var response = await _queue.ReceiveMessagesAsync(maxMessages, _options.VisibilityTimeout, stoppingToken);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == QueueErrorCode.QueueNotFound.ToString())
        {
            await CreateQueueAsync(stoppingToken);
            return [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Storage unreachable or throttling: keep the listener alive and try again after the idle wait.
            LogReceiveFailed(ex, _options.QueueName);
            return [];
        }
    }

    /// <summary>A listener for a queue nobody created yet (a new feature's queue) creates it rather than failing forever.</summary>
    private async Task CreateQueueAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
            LogQueueCreated(_options.QueueName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogReceiveFailed(ex, _options.QueueName);
        }
    }

    private async Task HandleAndReleaseAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await HandleAsync(message, stoppingToken);
        }
        catch (Exception ex)
        {
            // Deleting or poisoning failed; the message reappears and is handled again, which handlers tolerate.
            LogSettleFailed(ex, _options.QueueName, message.MessageId);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            // Attempts that ended without a verdict (a crash, a stop) still count, as they do for the host.
            LogPoisoned(null, _options.QueueName, message.MessageId, message.DequeueCount);
            await MoveToPoisonAsync(message);
            return;
        }

        var context = new QueueMessageContext(message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn);
        try
        {
            await _handler(context, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogAbandonedOnStop(_options.QueueName, message.MessageId);
            return;
        }
        catch (Exception ex)
        {
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                LogPoisoned(ex, _options.QueueName, message.MessageId, message.DequeueCount);
                await MoveToPoisonAsync(message);
            }
            else
            {
                LogHandlerFailed(ex, _options.QueueName, message.MessageId, message.DequeueCount);
            }

            return;
        }

        // Not cancellable: the work is done, and acknowledging it saves a redundant redelivery.
        await DeleteAsync(message);
    }

    /// <summary>Copy first, then delete: a crash in between leaves a duplicate in the poison queue, never a loss.</summary>
    private async Task MoveToPoisonAsync(QueueMessage message)
    {
        try
        {
            await _poisonQueue.SendMessageAsync(message.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == QueueErrorCode.QueueNotFound.ToString())
        {
            await _poisonQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            await _poisonQueue.SendMessageAsync(message.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: CancellationToken.None);
        }

        await DeleteAsync(message);
    }

    private async Task DeleteAsync(QueueMessage message)
    {
        try
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The visibility timeout ran out and another receive took the message (new pop receipt), or it is gone.
            LogDeleteLost(_options.QueueName, message.MessageId);
        }
    }

    /// <summary>Waits for running handlers by taking every slot back.</summary>
    private async Task DrainAsync()
    {
        for (var i = 0; i < _options.MaxConcurrency; i++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }

        _slots.Release(_options.MaxConcurrency);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} did not exist and was created.")]
    private partial void LogQueueCreated(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from queue {Queue} failed; retrying after the idle wait.")]
    private partial void LogReceiveFailed(Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: handler failed on message {MessageId} (attempt {DequeueCount}); it will be delivered again.")]
    private partial void LogHandlerFailed(Exception exception, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: message {MessageId} moved to the poison queue after {DequeueCount} attempts.")]
    private partial void LogPoisoned(Exception? exception, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: stopping, message {MessageId} was left to be delivered again.")]
    private partial void LogAbandonedOnStop(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} could not be deleted, its visibility timeout ran out first.")]
    private partial void LogDeleteLost(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: settling message {MessageId} failed; it will be delivered again.")]
    private partial void LogSettleFailed(Exception exception, string queue, string messageId);
}
