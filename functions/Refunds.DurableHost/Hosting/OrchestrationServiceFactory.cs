using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Refunds.DurableHost.Hosting;

/// <summary>Builds the DurableTask.AzureStorage backend both the worker and the client use.</summary>
internal static class OrchestrationServiceFactory
{
    public static AzureStorageOrchestrationService Create(DurableHostOptions options, ILoggerFactory loggerFactory)
    {
        options.Validate();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            WorkerId = options.WorkerId,
            StorageAccountClientProvider = options.StorageAccountClientProvider ?? new StorageAccountClientProvider(options.StorageConnectionString!),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            ControlQueueBatchSize = options.ControlQueueBatchSize,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            LeaseRenewInterval = options.LeaseRenewInterval,
            LeaseInterval = options.LeaseInterval,
            PartitionTableOperationTimeout = options.PartitionTableOperationTimeout,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            DisableExecutionStartedDeduplication = options.DisableExecutionStartedDeduplication,

            // Without it a start that hits a dedupe status returns as if it had worked; Durable Functions throws.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        return new AzureStorageOrchestrationService(settings);
    }
}
