using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Refunds.Api;
using Refunds.Functions.Tests.Support;
using Refunds.TestSupport;

namespace Refunds.Functions.Tests.Logging;

/// <summary>
/// In Production the Durable Task framework logs from Warning in both hosts and under the Functions host, the app's own
/// lines from Information, and one setting turns a framework category back up.
/// </summary>
public sealed class FrameworkLogLevelTests
{
    private static readonly string[] FrameworkCategories =
    [
        "DurableTask.Core",
        "DurableTask.AzureStorage",
        "Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorker",
        "Microsoft.DurableTask.Client",
    ];

    private const string AppCategory = "Refunds.Application.Workflow.RefundRecords";

    [Fact]
    public async Task LocalHost_Production_FrameworkFromWarningAppFromInformation()
    {
        var written = await LocalHostWritesAsync(new Dictionary<string, string?>());

        Assert.Equal([AppCategory + " Information", AppCategory + " Warning", .. FrameworkCategories.Select(c => c + " Warning")], written);
    }

    [Fact]
    public async Task LocalHost_SettingRaisesOneCategory_ThatCategoryFromInformation()
    {
        var written = await LocalHostWritesAsync(new Dictionary<string, string?> { ["Logging:LogLevel:DurableTask.Core"] = "Information" });

        Assert.Contains("DurableTask.Core Information", written);
        Assert.DoesNotContain("DurableTask.AzureStorage Information", written);
    }

    [Fact]
    public async Task LocalHost_SettingWithoutDot_RaisesTheEngineCategories()
    {
        var written = await LocalHostWritesAsync(new Dictionary<string, string?> { ["Logging:LogLevel:DurableTask"] = "Information" });

        Assert.Contains("DurableTask.Core Information", written);
        Assert.Contains("DurableTask.AzureStorage Information", written);
        Assert.DoesNotContain("Microsoft.DurableTask.Client Information", written);
    }

    [Fact]
    public void Worker_Production_FrameworkFromWarningAppFromInformation()
    {
        var written = WorkerWrites(new Dictionary<string, string?>());

        Assert.Equal([AppCategory + " Information", AppCategory + " Warning", .. FrameworkCategories.Select(c => c + " Warning")], written);
    }

    [Fact]
    public void Worker_SettingRaisesOneCategory_ThatCategoryFromInformation()
    {
        var written = WorkerWrites(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.DurableTask"] = "Information" });

        Assert.Contains("Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorker Information", written);
        Assert.Contains("Microsoft.DurableTask.Client Information", written);
        Assert.DoesNotContain("DurableTask.Core Information", written);
    }

    [Fact]
    public void HostJson_Logging_FrameworkFromWarningFunctionsFromInformation()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var levels = hostJson.RootElement.GetProperty("logging").GetProperty("logLevel");

        Assert.Equal("Warning", levels.GetProperty("DurableTask").GetString());
        Assert.Equal("Warning", levels.GetProperty("Microsoft.DurableTask").GetString());
        Assert.Equal("Information", levels.GetProperty("default").GetString());
        Assert.Equal("Information", levels.GetProperty("Function").GetString());

        // A more specific key would win over AzureFunctionsJobHost__logging__logLevel__DurableTask, the switch without a dot.
        Assert.DoesNotContain(levels.EnumerateObject(), level => level.Name.StartsWith("DurableTask.", StringComparison.Ordinal));
    }

    /// <summary>
    /// The local host as Refunds.Api runs in Production (its own appsettings.json, no Development file), with the tests'
    /// settings but not their quiet default level; what reached a provider of the app's logger factory.
    /// </summary>
    private static async Task<IReadOnlyList<string>> LocalHostWritesAsync(Dictionary<string, string?> overrides)
    {
        var probe = new ProbeProvider();
        var contentRoot = Path.Combine(RepositoryRoot.Find(), "functions", "Refunds.Api");
        await using var app = RefundsApp.Build(
            ["--environment", "Production", "--contentRoot", contentRoot],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(Settings(overrides));
                builder.Logging.AddProvider(probe);
            });

        Assert.Equal(Environments.Production, app.Environment.EnvironmentName);
        return WriteEach(app.Services.GetRequiredService<ILoggerFactory>(), probe);
    }

    /// <summary>The worker's container as the Functions app composes it (the environment is Production unless set otherwise).</summary>
    private static IReadOnlyList<string> WorkerWrites(Dictionary<string, string?> overrides)
    {
        var probe = new ProbeProvider();
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings(overrides));
        builder.ConfigureRefundsFunctions();
        builder.Logging.AddProvider(probe);
        using var worker = builder.Build();

        Assert.Equal(Environments.Production, builder.Environment.EnvironmentName);
        return WriteEach(worker.Services.GetRequiredService<ILoggerFactory>(), probe);
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> overrides)
    {
        var settings = TestSettings.For("UseDevelopmentStorage=true", AzuriteFixture.NewName("unused"));
        settings.Remove("Logging:LogLevel:Default");
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>One Information and one Warning line per category, in order; the lines the filters let through.</summary>
    private static IReadOnlyList<string> WriteEach(ILoggerFactory factory, ProbeProvider probe)
    {
        foreach (var level in new[] { LogLevel.Information, LogLevel.Warning })
        {
            foreach (var category in (string[])[AppCategory, .. FrameworkCategories])
            {
                factory.CreateLogger(category).Log(level, "probe");
            }
        }

        return [.. probe.Written];
    }

    private sealed class ProbeProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Written { get; } = new();

        public ILogger CreateLogger(string categoryName) => new ProbeLogger(categoryName, Written);

        public void Dispose()
        {
        }
    }

    private sealed class ProbeLogger(string category, ConcurrentQueue<string> written) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception) == "probe")
            {
                written.Enqueue($"{category} {logLevel}");
            }
        }
    }
}
