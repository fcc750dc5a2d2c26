using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Refunds.Storage.Hosting;

/// <summary>
/// Creates the ledger table, the step queue and its poison queue if absent. Runs at start-up unless
/// <see cref="StorageOptions.CreateIfNotExists"/> is off; registered before any listener, so it runs first.
/// </summary>
public sealed class StorageInitializer : IHostedService
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly StorageOptions _options;

    public StorageInitializer(TableServiceClient tables, QueueServiceClient queues, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(options);
        _tables = tables;
        _queues = queues;
        _options = options.Value;
    }

    /// <summary>Idempotent; <paramref name="extraQueues"/> (and their poison queues) are created too.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken, params IEnumerable<string> extraQueues)
    {
        await _tables.CreateTableIfNotExistsAsync(_options.TableName, cancellationToken);
        foreach (var queue in extraQueues.Prepend(_options.StripeEventQueueName).Prepend(_options.IntacctQueueName).Prepend(_options.StepQueueName).Distinct(StringComparer.Ordinal))
        {
            await _queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queues.GetQueueClient(queue + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _options.CreateIfNotExists ? EnsureCreatedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
