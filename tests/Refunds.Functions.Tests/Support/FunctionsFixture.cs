using DurableTask.AzureStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Refunds.Api;
using Refunds.DurableHost.Client;
using Refunds.DurableHost.Hosting;
using Refunds.Storage.Hosting;
using Refunds.TestSupport;

namespace Refunds.Functions.Tests.Support;

/// <summary>
/// Azurite, the Functions worker's real container (built by the app's own composition, never started: starting
/// needs the Functions host on the other end of gRPC), its ledger table, and a real <see cref="DurableTaskClient"/>
/// over a task hub on the same Azurite, standing in for what [DurableClient] binds in Azure.
/// </summary>
public sealed class FunctionsFixture : IAsyncLifetime
{
    private ServiceProvider? _durable;
    private Lazy<Task<WebApplication>>? _localHost;

    public AzuriteFixture Azurite { get; } = new();

    public IHost Worker { get; private set; } = null!;

    public DurableTaskClient DurableClient { get; private set; } = null!;

    public Dictionary<string, string?> Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Settings = TestSettings.For(Azurite.ConnectionString, AzuriteFixture.NewName("ledger"));

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.ConfigureRefundsFunctions();
        Worker = builder.Build();
        await Worker.Services.GetRequiredService<StorageInitializer>().StartAsync(CancellationToken.None);

        var durable = new ServiceCollection().AddLogging();
        durable.AddDurableHost(
            o =>
            {
                o.TaskHubName = AzuriteFixture.NewName("funchub");
                o.StorageConnectionString = Azurite.ConnectionString;
                o.PartitionCount = 1;
            },
            _ => { });
        _durable = durable.BuildServiceProvider();
        await _durable.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
        DurableClient = _durable.GetRequiredService<TaskHubDurableTaskClient>();
        _localHost = new Lazy<Task<WebApplication>>(StartLocalHostAsync);
    }

    /// <summary>The local host (Refunds.Api) on a loopback port with the same settings, started on first use.</summary>
    public async Task<HttpClient> LocalHostAsync()
    {
        var app = await _localHost!.Value;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>A new client on its own task hub of the same Azurite: what a function would bind for another app.</summary>
    public async Task<(DurableTaskClient Client, IAsyncDisposable Owner)> OtherHubClientAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDurableHost(
            o =>
            {
                o.TaskHubName = AzuriteFixture.NewName("otherhub");
                o.StorageConnectionString = Azurite.ConnectionString;
                o.PartitionCount = 1;
            },
            _ => { });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
        return (provider.GetRequiredService<TaskHubDurableTaskClient>(), provider);
    }

    private async Task<WebApplication> StartLocalHostAsync()
    {
        var app = RefundsApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        if (_durable is not null)
        {
            await _durable.DisposeAsync();
        }

        if (_localHost is { IsValueCreated: true })
        {
            var app = await _localHost.Value;
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Worker?.Dispose();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FunctionsCollection : ICollectionFixture<FunctionsFixture>
{
    public const string Name = "Functions";
}
