using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refunds.IntacctStandIn.Gateway;

namespace Refunds.IntacctStandIn;

/// <summary>
/// A loopback Kestrel server that speaks Intacct's XML gateway (DTD 3.0): getAPISession, reverse_arpayment and
/// read of ARPYMT, with uniqueid control ids, sliding sessions and injectable faults; and a JSON control API under
/// <c>/_standin</c> for out-of-process use (see <see cref="ControlApi"/>).
/// </summary>
public sealed class IntacctStandIn : IAsyncDisposable
{
    public const string GatewayPath = "/ia/xml/xmlgw.phtml";

    private readonly WebApplication _app;
    private readonly StandInBackend _backend;

    private IntacctStandIn(WebApplication app, StandInBackend backend, Uri baseAddress, IntacctStandInOptions options)
    {
        _app = app;
        _backend = backend;
        Options = options;
        BaseUri = baseAddress;
        Endpoint = new Uri(baseAddress, GatewayPath);
        SessionEndpoint = new Uri(baseAddress, options.SessionEndpointPath);
    }

    /// <summary>The stand-in's root, e.g. http://127.0.0.1:12112/; the control API is under <c>_standin/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Where clients send getAPISession (the equivalent of https://api.intacct.com/ia/xml/xmlgw.phtml).</summary>
    public Uri Endpoint { get; }

    /// <summary>The endpoint getAPISession names for the session's requests.</summary>
    public Uri SessionEndpoint { get; }

    public IntacctStandInOptions Options { get; }

    /// <summary>Every request received (control API excluded), in arrival order.</summary>
    public IReadOnlyList<RecordedIntacctRequest> Requests => _backend.Requests;

    public IReadOnlyList<string> IssuedSessionIds => _backend.IssuedSessionIds;

    public int SessionsIssued => _backend.IssuedSessionIds.Count;

    public int PendingFaults => _backend.PendingFaults;

    /// <summary>How many requests failed through <see cref="IntacctStandInOptions.RandomFaults"/>.</summary>
    public int RandomFaultCount => _backend.RandomFaultCount;

    public static async Task<IntacctStandIn> StartAsync(IntacctStandInOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();

        IntacctStandIn? standIn = null;
        var backend = new StandInBackend(options, () => standIn!.SessionEndpoint);
        var gateway = new StandInGateway(backend, options);
        app.MapPost("/{**path}", gateway.HandleAsync);
        ControlApi.Map(app, backend, options);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        standIn = new IntacctStandIn(app, backend, new Uri(address), options);
        return standIn;
    }

    public void AddArPayment(string key, DateOnly paymentDate, long amountMinor, string currency = "USD") =>
        _backend.AddPayment(key, paymentDate, amountMinor, currency);

    public StandInArPayment? GetArPayment(string key) => _backend.Payment(key);

    /// <summary>Every AR payment the stand-in holds, by key.</summary>
    public IReadOnlyList<StandInArPayment> ArPayments => _backend.Payments();

    /// <summary>The next reverse_arpayment fails with <paramref name="error"/> (default <see cref="StandInError.RefusedOnce"/>) and reverses nothing.</summary>
    public void FailNextReversal(StandInError? error = null) =>
        _backend.AddFaults([StandInFault.Error(error ?? StandInError.RefusedOnce, ControlApi.ReverseFunction)]);

    /// <summary>Reversals dated on or before <paramref name="date"/> fail as falling in a closed period.</summary>
    public void CloseBooksThrough(DateOnly date) => _backend.CloseBooksThrough(date);

    public void InjectFaults(params StandInFault[] faults) => _backend.AddFaults(faults);

    /// <summary>Every open session stops working, as after a timeout or a password change.</summary>
    public void InvalidateSessions() => _backend.InvalidateSessions();

    /// <summary>The most requests of <paramref name="companyId"/> that were ever in flight at once.</summary>
    public int MaxConcurrentRequests(string companyId) => _backend.MaxInFlight(companyId);

    public async ValueTask DisposeAsync()
    {
        // Bounded: requests still sleeping in a delay fault are cut off instead of holding up the test run.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2), TimeProvider.System);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
