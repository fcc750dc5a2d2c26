using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refunds.Application.Ports;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests.Infrastructure;

/// <summary>The real adapter (DI, HttpClient pipeline, Polly) wired to a fresh stand-in.</summary>
internal sealed class IntacctHarness : IAsyncDisposable
{
    public static readonly DateOnly PaymentDate = new(2026, 3, 2);

    private readonly ServiceProvider _services;

    private IntacctHarness(IntacctStandIn.IntacctStandIn standIn, ServiceProvider services, CapturedLogs logs)
    {
        StandIn = standIn;
        _services = services;
        Logs = logs;
        Reversals = services.GetRequiredService<IIntacctReversals>();
    }

    public IntacctStandIn.IntacctStandIn StandIn { get; }

    public IIntacctReversals Reversals { get; }

    public CapturedLogs Logs { get; }

    /// <summary>The secrets of this run: none may show up in a log line or an exception message.</summary>
    public IReadOnlyList<string> Secrets => [StandIn.Options.SenderPassword, StandIn.Options.UserPassword, .. StandIn.IssuedSessionIds];

    /// <param name="configureStandIn">Adjusts the stand-in (delays, session lifetime...).</param>
    /// <param name="settings">Overrides of the adapter's "Intacct" section.</param>
    /// <param name="clock">Shared by the stand-in and the adapter when given.</param>
    public static async Task<IntacctHarness> StartAsync(
        Action<IntacctStandInOptions>? configureStandIn = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? clock = null)
    {
        var standInOptions = new IntacctStandInOptions
        {
            SenderPassword = $"sender-secret-{Guid.NewGuid():N}",
            UserPassword = $"user-secret-{Guid.NewGuid():N}",
            SessionEndpointPath = "/na42/ia/xml/xmlgw.phtml",
        };
        if (clock is not null)
        {
            standInOptions.Clock = clock;
        }

        configureStandIn?.Invoke(standInOptions);
        var standIn = await IntacctStandIn.IntacctStandIn.StartAsync(standInOptions, CancellationToken.None);

        var values = new Dictionary<string, string?>
        {
            ["Intacct:Endpoint"] = standIn.Endpoint.ToString(),
            ["Intacct:SenderId"] = standInOptions.SenderId,
            ["Intacct:SenderPassword"] = standInOptions.SenderPassword,
            ["Intacct:UserId"] = standInOptions.UserId,
            ["Intacct:CompanyId"] = standInOptions.CompanyId,
            ["Intacct:UserPassword"] = standInOptions.UserPassword,
            ["Intacct:AttemptTimeout"] = "00:00:05",
            ["Intacct:MaxRetryAttempts"] = "6",
            ["Intacct:RetryBaseDelay"] = "00:00:00.005",
            ["Intacct:RetryMaxDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[$"Intacct:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddIntacctReversals(configuration.GetSection(IntacctOptions.SectionName));
        return new IntacctHarness(standIn, services.BuildServiceProvider(validateScopes: true), logs);
    }

    public static IntacctReversalRequest Request(string key, string? controlId = null, DateOnly? reversalDate = null) =>
        new(
            OrganizationId: "org-1",
            RefundId: $"refund-{key}",
            ArPaymentKey: key,
            ControlId: controlId ?? $"refund-{key}-reverse",
            ReversalDate: reversalDate ?? new DateOnly(2026, 3, 7),
            Description: $"Refund of payment {key}");

    public StandInArPayment Payment(string key) => StandIn.GetArPayment(key) ?? throw new InvalidOperationException($"No payment {key}.");

    /// <summary>Functions of the recorded requests, in order, e.g. getAPISession, reverse_arpayment, read.</summary>
    public IReadOnlyList<string?> Functions => [.. StandIn.Requests.Select(r => r.Function)];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
