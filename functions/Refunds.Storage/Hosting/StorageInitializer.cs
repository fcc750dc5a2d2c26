using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Refunds.Storage.Hosting;

/// <summary>
/// Creates the ledger and reconciliation tables if absent. Runs at start-up unless <see cref="StorageOptions.CreateIfNotExists"/> is off
/// (where infrastructure code owns the table and the identity may only read and write data).
/// </summary>
public sealed class StorageInitializer : IHostedService
{
    private readonly TableServiceClient _tables;
    private readonly StorageOptions _options;

    public StorageInitializer(TableServiceClient tables, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        _tables = tables;
        _options = options.Value;
    }

    /// <summary>Idempotent.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _tables.CreateTableIfNotExistsAsync(_options.TableName, cancellationToken);
        await _tables.CreateTableIfNotExistsAsync(_options.EffectiveReconciliationTableName, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _options.CreateIfNotExists ? EnsureCreatedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
