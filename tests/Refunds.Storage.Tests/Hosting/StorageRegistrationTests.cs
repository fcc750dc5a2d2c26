using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Storage.Hosting;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class StorageRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddRefundsStorage_ConnectionString_CreatesTableAndServesThePorts()
    {
        var table = AzuriteFixture.NewName("ledger");
        await using var provider = Build(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TableName"] = table,
        });

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var tables = provider.GetRequiredService<TableServiceClient>();
        Assert.Single(tables.QueryAsync(t => t.Name == table).ToBlockingEnumerable());
        Assert.Null(await provider.GetRequiredService<ILedgerStore>().GetPaymentAsync("org_1", "pay_1", CancellationToken.None));
        Assert.NotNull(provider.GetRequiredService<IStripeEventLog>());
        Assert.NotNull(provider.GetRequiredService<IPaymentIntentIndex>());
    }

    [Fact]
    public void AddRefundsStorage_NeitherConnectionStringNorUris_FailsValidation()
    {
        using var provider = Build(new() { ["Storage:TableName"] = "refunds" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRefundsStorage_TableServiceUri_BuildsTheClientForThatAccount()
    {
        using var provider = Build(new()
        {
            ["Storage:TableServiceUri"] = "https://acct.table.core.windows.net/",
        });

        Assert.Equal("acct", provider.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal("refunds", provider.GetRequiredService<IOptions<StorageOptions>>().Value.TableName);
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
}
