using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Refunds.Application.Ports;

namespace Refunds.Http.Telemetry;

/// <summary>Traces, metrics and logs through OpenTelemetry; <c>Telemetry:Exporter</c> says where they go.</summary>
public static class TelemetrySetup
{
    public const string None = "none";
    public const string Console = "console";
    public const string AzureMonitor = "azuremonitor";
    public const string ConnectionStringVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static void AddRefundsTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var exporter = ChooseExporter(builder);
        builder.Services.AddSingleton<RefundsInstrumentation>();
        builder.Services.AddSingleton<IReconciliationTelemetry, CountedReconciliation>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("refunds"))
            .WithTracing(tracing => tracing
                .AddSource(RefundsInstrumentation.Name)
                .AddAspNetCoreInstrumentation()

                // Outside a request or an activity's move these are the Durable engine's storage polls: noise, not work.
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => System.Diagnostics.Activity.Current is not null))
            .WithMetrics(metrics => metrics
                .AddMeter(RefundsInstrumentation.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                // Refund id, organization id and step travel as scopes of the activities' moves.
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });

        switch (exporter)
        {
            case None:
                break;
            case Console:
                otel.WithTracing(tracing => tracing.AddConsoleExporter())
                    .WithMetrics(metrics => metrics.AddConsoleExporter())
                    .WithLogging(logging => logging.AddConsoleExporter());

                // The OpenTelemetry console exporter prints every record already.
                foreach (var plainConsole in builder.Services.Where(d => d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
                {
                    builder.Services.Remove(plainConsole);
                }

                break;
            case AzureMonitor:
                var connectionString = builder.Configuration[ConnectionStringVariable];
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException($"Telemetry:Exporter=azuremonitor needs {ConnectionStringVariable}.");
                }

                // Local auth is disabled on the Application Insights component: send as the managed identity.
                otel.UseAzureMonitorExporter(azure =>
                {
                    azure.ConnectionString = connectionString;
                    azure.Credential = new DefaultAzureCredential();
                });
                break;
            default:
                throw new InvalidOperationException($"Telemetry:Exporter must be {None}, {Console} or {AzureMonitor}, not '{exporter}'.");
        }
    }

    /// <summary>Counts Intacct reversals by outcome around the registered adapter; call after the adapters are added.</summary>
    public static IServiceCollection AddIntacctReversalCounting(this IServiceCollection services)
    {
        var adapter = services.LastOrDefault(d => d.ServiceType == typeof(IIntacctReversals))
            ?? throw new InvalidOperationException("Register an IIntacctReversals adapter first.");
        services.Remove(adapter);
        services.AddSingleton<Refunds.Application.Ports.IMoveTelemetry, InstrumentedMoves>();
        services.AddSingleton<IIntacctReversals>(provider => new CountedIntacctReversals(
            Create(provider, adapter),
            provider.GetRequiredService<RefundsInstrumentation>()));
        return services;
    }

    private static IIntacctReversals Create(IServiceProvider provider, ServiceDescriptor adapter) =>
        (IIntacctReversals)(adapter.ImplementationInstance
            ?? adapter.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, adapter.ImplementationType!));

    /// <summary>
    /// The configured exporter; unset, <c>azuremonitor</c> where a connection string is set, otherwise <c>none</c>
    /// (Development included: the console exporter prints hundreds of lines a minute, so it is opt-in).
    /// </summary>
    internal static string ChooseExporter(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.Exporter;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new[] { None, Console, AzureMonitor }.FirstOrDefault(known => known.Equals(configured.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? configured;
        }

        return string.IsNullOrWhiteSpace(builder.Configuration[ConnectionStringVariable]) ? None : AzureMonitor;
    }
}
