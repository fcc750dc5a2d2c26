using Refunds.Application;
using Refunds.DurableHost.Hosting;
using Refunds.Storage.Hosting;

namespace Refunds.Api.Hosting;

public static class HostingServices
{
    /// <summary>
    /// The local host's Durable Task settings: <see cref="DurableHostOptions"/> by name, its defaults but one, plus
    /// <see cref="VisibilityTimeoutKey"/>. Under Azure Functions, host.json's <c>extensions.durableTask</c> plays this part.
    /// </summary>
    public const string DurableSection = "Durable";

    /// <summary>Sets both of DurableHostOptions' visibility timeouts.</summary>
    public const string VisibilityTimeoutKey = "VisibilityTimeout";

    /// <summary>
    /// The local host's engine: the application's orchestrators and activities on the Durable Task engine itself
    /// (DurableTask.Core + DurableTask.AzureStorage, Azurite locally), and the reconciler and the daily reconciliation
    /// with Stripe on timers.
    /// </summary>
    public static IServiceCollection AddRefundsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section));
        var durable = configuration.GetSection(DurableSection);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddDurableHost(
            o =>
            {
                // Measured for this app (BENCHMARKS.md section 7), so the default here, not in the engine wrapper.
                o.DisableExecutionStartedDeduplication = true;
                durable.Bind(o);
                o.StorageConnectionString ??= storage.ConnectionString;

                // One key for both queues: a killed worker's orchestrations and activities come back after the same wait.
                if (durable.GetValue<TimeSpan?>(VisibilityTimeoutKey) is { } visibility)
                {
                    o.WorkItemQueueVisibilityTimeout = visibility;
                    o.ControlQueueVisibilityTimeout = visibility;
                }
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
        // The timers run where the worker runs; unset, the engine options' own default decides.
        if (durable.GetValue(nameof(DurableHostOptions.RunWorker), new DurableHostOptions().RunWorker))
        {
            services.AddHostedService<ReconcilerService>();
            services.AddHostedService<DailyReconciliationService>();
        }

        return services;
    }
}
