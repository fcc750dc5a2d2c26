using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Storage.Hosting;
using Refunds.Storage.Queues;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class StorageRegistrationTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AddRefundsStorage_ConnectionString_CreatesTableAndQueuesAndServesThePorts()
    {
        var (table, queue) = (AzuriteFixture.NewName("ledger"), AzuriteFixture.NewName("steps"));
        await using var provider = Build(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TableName"] = table,
            ["Storage:StepQueueName"] = queue,
        });

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var tables = provider.GetRequiredService<TableServiceClient>();
        var queues = provider.GetRequiredService<QueueServiceClient>();
        Assert.Single(tables.QueryAsync(t => t.Name == table).ToBlockingEnumerable());
        Assert.True((await queues.GetQueueClient(queue).ExistsAsync()).Value);
        Assert.True((await queues.GetQueueClient(queue + "-poison").ExistsAsync()).Value);
        Assert.Null(await provider.GetRequiredService<ILedgerStore>().GetPaymentAsync("org_1", "pay_1", CancellationToken.None));
        await provider.GetRequiredService<IStepQueue>().EnqueueAsync(new StepMessage("org_1", "rf_1", 0), TimeSpan.Zero, CancellationToken.None);
        Assert.Single((await queues.GetQueueClient(queue).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public void AddRefundsStorage_NeitherConnectionStringNorUris_FailsValidation()
    {
        using var provider = Build(new() { ["Storage:TableName"] = "refunds" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRefundsStorage_ServiceUris_BuildsClientsForThoseAccounts()
    {
        using var provider = Build(new()
        {
            ["Storage:TableServiceUri"] = "https://acct.table.core.windows.net/",
            ["Storage:QueueServiceUri"] = "https://acct.queue.core.windows.net/",
        });

        Assert.Equal("acct", provider.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal("acct", provider.GetRequiredService<QueueServiceClient>().AccountName);
        Assert.Equal("refunds", provider.GetRequiredService<IOptions<StorageOptions>>().Value.TableName);
        Assert.Equal("refund-steps", provider.GetRequiredService<IOptions<StorageOptions>>().Value.StepQueueName);
    }

    [Fact]
    public async Task AddQueueListener_TwoQueues_RunsBothWithScopedHandlers()
    {
        var (first, second) = (AzuriteFixture.NewName("first"), AzuriteFixture.NewName("second"));
        var seen = new ConcurrentQueue<string>();
        var services = Services(new() { ["Storage:ConnectionString"] = azurite.ConnectionString, ["Storage:TableName"] = AzuriteFixture.NewName("ledger") });
        services.AddSingleton(seen);
        services.AddQueueListener<RecordingHandler>(first, Fast);
        services.AddQueueListener(
            second,
            (provider, message, cancellationToken) => provider.GetRequiredService<RecordingHandler>().HandleAsync(message, cancellationToken),
            Fast);
        services.AddScoped<RecordingHandler>();
        await using var provider = services.BuildServiceProvider();
        var queues = provider.GetRequiredService<QueueServiceClient>();
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Equal(2, hosted.OfType<QueueListener>().Count());

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            await Poll.UntilAsync(async () => (await queues.GetQueueClient(second).ExistsAsync()).Value, Bound, "the second listener to create its queue");
            await queues.GetQueueClient(first).CreateIfNotExistsAsync();
            await queues.GetQueueClient(first).SendMessageAsync("one");
            await queues.GetQueueClient(second).SendMessageAsync("two");

            await Poll.UntilAsync(() => seen.Count == 2, Bound, "both listeners to handle their message");
            Assert.Equal(["one", "two"], seen.Order(StringComparer.Ordinal));
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    private static void Fast(QueueListenerOptions options)
    {
        options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => Services(settings).BuildServiceProvider();

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddRefundsStorage(configuration.GetSection(StorageOptions.SectionName));
        return services;
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> seen) : IQueueMessageHandler
    {
        public Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
        {
            seen.Enqueue(message.Body);
            return Task.CompletedTask;
        }
    }
}
