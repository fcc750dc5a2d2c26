using Azure.Data.Tables;
using Refunds.Storage.Hosting;
using Refunds.Storage.Ledger;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Ledger;

/// <summary>A fresh table per test (xunit builds one instance per test), on the collection's Azurite.</summary>
public abstract class LedgerTestBase : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    protected LedgerTestBase(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString, TableName = AzuriteFixture.NewName("ledger") };
        Table = StorageClientFactory.CreateTableServiceClient(options).GetTableClient(options.TableName);
        Store = new TableLedgerStore(Table);
    }

    protected TableClient Table { get; }

    protected TableLedgerStore Store { get; }

    /// <summary>Bounds every storage call of the test.</summary>
    protected CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => await Table.CreateIfNotExistsAsync(Ct);

    public async Task DisposeAsync() => await Table.DeleteAsync(CancellationToken.None);

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }
}
