using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.DurableHost.Tasks;

namespace Refunds.DurableHost.Hosting;

/// <summary>
/// Runs DurableTask.Core's <see cref="TaskHubWorker"/> for the life of the host: creates the task hub if it is
/// missing, starts the worker, and on stop lets in-flight work items finish. Disposed without a stop (a crash, or a
/// test that simulates one) it stops the worker forcibly: work items in flight are left to their visibility timeout.
/// </summary>
internal sealed partial class TaskHubWorkerService(
    AzureStorageOrchestrationService service,
    OrchestrationCatalog orchestrations,
    ActivityCatalog activities,
    IOptions<DurableHostOptions> options,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<TaskHubWorkerService>();
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        var worker = new TaskHubWorker(service, orchestrations, activities, loggerFactory)
        {
            // The SDK's shims need failure details (not serialized exceptions) to build TaskFailedException and to
            // let retry policies' HandleFailure predicates see the error type.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddOrchestrationDispatcherMiddleware(OrchestrationScopeMiddleware.DisposeScopeAfterEpisode);
        await worker.StartAsync().WaitAsync(cancellationToken);
        _worker = worker;
        LogStarted(_logger, options.Value.TaskHubName, options.Value.PartitionCount, options.Value.MaxQueuePollingInterval.TotalMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var worker = Interlocked.Exchange(ref _worker, null);
        if (worker is null)
        {
            return;
        }

        // DTF's graceful stop waits for running work items; the host's shutdown timeout bounds that wait. Past it the
        // worker is left to the process exit, which is what a crash would do anyway: nothing is lost, only delayed.
        // TaskHubWorker.StopAsync runs its two halves one after the other, and each sleeps a whole second: the
        // dispatchers look at their in-flight count once a second, and the table partition manager waits a second
        // between starting to drain its partitions and releasing them. Started together they overlap, so a stop takes
        // about one second instead of two. Both halves are the graceful ones: the dispatchers fetch nothing more and
        // wait for their work items; the partition manager releases a partition only once the orchestration sessions
        // on it have finished, and the activity dispatcher's wait does not depend on holding a partition.
        try
        {
            await Task.WhenAll(
                worker.TaskOrchestrationDispatcher.StopAsync(forced: false),
                worker.TaskActivityDispatcher.StopAsync(forced: false),
                service.StopAsync(isForced: false)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopTimedOut(_logger, options.Value.TaskHubName);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var worker = Interlocked.Exchange(ref _worker, null);
        if (worker is not null)
        {
            await worker.StopAsync(isForced: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable task hub {TaskHub} started ({Partitions} partitions, max queue polling interval {PollingMs} ms)")]
    private static partial void LogStarted(ILogger logger, string taskHub, int partitions, double pollingMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable task hub {TaskHub} did not stop within the host's shutdown timeout; in-flight work items will be retried after their visibility timeout")]
    private static partial void LogStopTimedOut(ILogger logger, string taskHub);
}
