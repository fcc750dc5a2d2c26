using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refunds.DurableHost.Client;
using Refunds.DurableHost.Tasks;

namespace Refunds.DurableHost.Hosting;

public static class DurableHostServiceCollectionExtensions
{
    /// <summary>
    /// Runs the given SDK orchestrator and activity classes on DurableTask.Core over Azure Storage (Azurite locally),
    /// and registers <see cref="DurableTaskClient"/> for the handlers, as Durable Functions would inject it.
    /// </summary>
    public static IServiceCollection AddDurableHost(
        this IServiceCollection services, Action<DurableHostOptions> configure, Action<DurableTaskRegistry> tasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(tasks);

        var registry = new DurableTaskRegistry();
        tasks(registry);

        services.AddOptions<DurableHostOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(registry);
        services.AddSingleton(sp => OrchestrationServiceFactory.Create(
            sp.GetRequiredService<IOptions<DurableHostOptions>>().Value, LoggerFactoryOf(sp)));
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton(sp => new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { DataConverter = sp.GetRequiredService<IOptions<DurableHostOptions>>().Value.DataConverter },
            LoggerFactoryOf(sp)));
        services.AddSingleton<OrchestrationCatalog>();
        services.AddSingleton<ActivityCatalog>();
        services.AddSingleton<TaskHubWorkerService>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubWorkerService>());
        services.AddSingleton<TaskHubDurableTaskClient>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<TaskHubDurableTaskClient>());
        return services;
    }

    private static ILoggerFactory LoggerFactoryOf(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
