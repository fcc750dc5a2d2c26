using Refunds.Application;
using Refunds.DurableHost.Hosting;
using Refunds.Storage.Hosting;

namespace Refunds.Api.Hosting;

public static class HostingServices
{
    /// <summary>
    /// The local host's engine: the application's orchestrators and activities on the Durable Task engine itself
    /// (DurableTask.Core + DurableTask.AzureStorage, Azurite locally), and the reconciler and the daily reconciliation
    /// with Stripe on timers.
    /// </summary>
    public static IServiceCollection AddRefundsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section));
        var durable = configuration.GetSection(DurableSettings.Section).Get<DurableSettings>() ?? new DurableSettings();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddDurableHost(
            o =>
            {
                o.TaskHubName = durable.TaskHubName;
                o.WorkerId = durable.WorkerId ?? o.WorkerId;
                o.StorageConnectionString = durable.StorageConnectionString ?? storage.ConnectionString;
                o.PartitionCount = durable.PartitionCount;
                o.RunWorker = durable.RunWorker;
                o.MaxQueuePollingInterval = durable.MaxQueuePollingInterval;
                o.WorkItemQueueVisibilityTimeout = durable.VisibilityTimeout;
                o.ControlQueueVisibilityTimeout = durable.VisibilityTimeout;
                o.LeaseAcquireInterval = durable.LeaseAcquireInterval;
                o.LeaseRenewInterval = durable.LeaseRenewInterval;
                o.LeaseInterval = durable.LeaseInterval;
                o.PartitionTableOperationTimeout = durable.PartitionTableOperationTimeout;
                o.MaxConcurrentActivities = durable.MaxConcurrentActivities;
                o.MaxConcurrentOrchestrations = durable.MaxConcurrentOrchestrations;
                o.ControlQueueBatchSize = durable.ControlQueueBatchSize;
                o.ControlQueueBufferThreshold = durable.ControlQueueBufferThreshold;
                o.ExtendedSessionsEnabled = durable.ExtendedSessionsEnabled;
                o.ExtendedSessionIdleTimeout = durable.ExtendedSessionIdleTimeout;
                o.DisableExecutionStartedDeduplication = durable.DisableExecutionStartedDeduplication;
            },
            tasks =>
            {
                foreach (var orchestrator in ApplicationServices.Orchestrators)
                {
                    tasks.AddOrchestrator(orchestrator);
                }

                foreach (var activity in ApplicationServices.Activities)
                {
                    tasks.AddActivity(activity);
                }
            });
        if (durable.RunWorker)
        {
            services.AddHostedService<ReconcilerService>();
            services.AddHostedService<DailyReconciliationService>();
        }

        return services;
    }
}
