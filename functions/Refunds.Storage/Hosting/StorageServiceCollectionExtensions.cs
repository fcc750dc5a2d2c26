using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Storage.Ledger;
using Refunds.Storage.Queues;
using Refunds.Storage.StripeEvents;

namespace Refunds.Storage.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients, <see cref="ILedgerStore"/>, <see cref="IStepQueue"/> and the
    /// <see cref="StorageInitializer"/>, bound to <paramref name="section"/> (normally <c>configuration.GetSection("Storage")</c>).
    /// </summary>
    public static IServiceCollection AddRefundsStorage(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<StorageOptions>()
            .Bind(section)
            .Validate(o => o.Validate() is null, "Storage settings are incomplete: set ConnectionString, or TableServiceUri and QueueServiceUri.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StorageClientFactory.CreateTableServiceClient(Options(sp)));
        services.TryAddSingleton(sp => StorageClientFactory.CreateQueueServiceClient(Options(sp)));
        services.TryAddSingleton<ILedgerStore>(sp =>
            new TableLedgerStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName)));
        services.TryAddSingleton<IStepQueue>(sp =>
            new AzureStepQueue(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(Options(sp).StepQueueName), sp.GetRequiredService<QueueWakeups>()));
        services.TryAddSingleton<IStripeEventQueue>(sp =>
            new AzureStripeEventQueue(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(Options(sp).StripeEventQueueName), sp.GetRequiredService<QueueWakeups>()));
        services.TryAddSingleton<IStripeEventLog>(sp =>
            new TableStripeEventLog(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName)));
        services.TryAddSingleton<IPaymentIntentIndex>(sp =>
            new TablePaymentIntentIndex(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName)));
        services.TryAddSingleton<IIntacctQueue>(sp =>
            new AzureIntacctQueue(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(Options(sp).IntacctQueueName), sp.GetRequiredService<QueueWakeups>()));
        services.TryAddSingleton<QueueWakeups>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }

    /// <summary>
    /// Runs a <see cref="QueueListener"/> on <paramref name="queueName"/> that resolves <typeparamref name="THandler"/>
    /// in a new scope for every message. Call once per queue; needs <see cref="AddRefundsStorage"/> (or a
    /// registered Base64 <see cref="QueueServiceClient"/>).
    /// </summary>
    public static IServiceCollection AddQueueListener<THandler>(this IServiceCollection services, string queueName, Action<QueueListenerOptions>? configure = null)
        where THandler : class, IQueueMessageHandler =>
        services.AddQueueListener(
            queueName,
            (provider, message, cancellationToken) =>
                ActivatorUtilities.GetServiceOrCreateInstance<THandler>(provider).HandleAsync(message, cancellationToken),
            configure);

    /// <summary>As <see cref="AddQueueListener{THandler}"/>, with a delegate that gets the message's scoped service provider.</summary>
    public static IServiceCollection AddQueueListener(
        this IServiceCollection services,
        string queueName,
        Func<IServiceProvider, QueueMessageContext, CancellationToken, Task> handler,
        Action<QueueListenerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(handler);
        var options = new QueueListenerOptions { QueueName = queueName };
        configure?.Invoke(options);
        options.Validate();

        // Not AddHostedService: it de-duplicates by implementation type, which would keep only one listener.
        services.AddSingleton<IHostedService>(sp =>
        {
            var scopes = sp.GetRequiredService<IServiceScopeFactory>();
            return new QueueListener(
                sp.GetRequiredService<QueueServiceClient>(),
                options,
                async (message, cancellationToken) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await handler(scope.ServiceProvider, message, cancellationToken);
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<QueueListener>>(),
                sp.GetService<QueueWakeups>());
        });
        return services;
    }

    private static StorageOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
