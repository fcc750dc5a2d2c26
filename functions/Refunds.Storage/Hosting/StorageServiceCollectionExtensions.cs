using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Storage.Ledger;
using Refunds.Storage.Reconciliation;
using Refunds.Storage.StripeEvents;

namespace Refunds.Storage.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients, <see cref="ILedgerStore"/> and its <see cref="IRefundIndex"/>, the Stripe event log, the payment intent index, the
    /// reconciliation store and activity index, and the
    /// <see cref="StorageInitializer"/>, bound to <paramref name="section"/> (normally <c>configuration.GetSection("Storage")</c>).
    /// </summary>
    public static IServiceCollection AddRefundsStorage(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<StorageOptions>()
            .Bind(section)
            .Validate(o => o.Validate() is null, "Storage settings are incomplete: set ConnectionString or TableServiceUri.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StorageClientFactory.CreateTableServiceClient(Options(sp)));
        services.TryAddSingleton<ILedgerStore>(sp =>
            new TableLedgerStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName)));
        services.TryAddSingleton<IRefundIndex>(sp =>
            new TableRefundIndex(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IStripeEventLog>(sp =>
            new TableStripeEventLog(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName)));
        services.TryAddSingleton<IPaymentIntentIndex>(sp =>
            new TablePaymentIntentIndex(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).TableName)));
        services.TryAddSingleton<IReconciliationStore>(sp =>
            new TableReconciliationStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).EffectiveReconciliationTableName)));
        services.TryAddSingleton<IActivityIndex>(sp =>
            new TableActivityIndex(sp.GetRequiredService<TableServiceClient>().GetTableClient(Options(sp).EffectiveReconciliationTableName)));
        services.TryAddSingleton<StorageInitializer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }

    private static StorageOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
