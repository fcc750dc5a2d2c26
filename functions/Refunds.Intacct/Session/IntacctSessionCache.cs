using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Intacct.Transport;
using Refunds.Intacct.Xml;

namespace Refunds.Intacct.Session;

/// <summary>
/// Holds the process's Intacct API session: opened with getAPISession, reused until it expires (by Intacct's
/// sessiontimeout when the answers carry it, else <see cref="IntacctOptions.SessionLifetime"/>), renewed by one caller at a time.
/// </summary>
internal sealed partial class IntacctSessionCache(
    IntacctGateway gateway,
    IOptions<IntacctOptions> options,
    TimeProvider timeProvider,
    ILogger<IntacctSessionCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private IntacctSession? _current;

    public async Task<IntacctSession> GetAsync(CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _current);
        return session is not null && session.IsUsableAt(timeProvider.GetUtcNow())
            ? session
            : await RenewAsync(session, cancellationToken);
    }

    /// <summary>Replaces <paramref name="rejected"/> unless another caller already did.</summary>
    public async Task<IntacctSession> RenewAsync(IntacctSession? rejected, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && !current.IsSameSessionAs(rejected) && current.IsUsableAt(timeProvider.GetUtcNow()))
            {
                return current;
            }

            var fresh = await OpenAsync(cancellationToken);
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Intacct slides the session timeout on use; follow it when the answer says so.</summary>
    public void Extend(IntacctSession session, IntacctAuthentication? authentication)
    {
        if (authentication?.SessionLifetime is { } lifetime)
        {
            Interlocked.CompareExchange(ref _current, session.WithExpiry(ExpiryFrom(lifetime)), session);
        }
    }

    public void Dispose() => _renewal.Dispose();

    private async Task<IntacctSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        IntacctResponse response;
        try
        {
            response = await gateway.SendAsync(
                settings.Endpoint,
                IntacctRequestBuilder.GetApiSession(settings, $"getAPISession-{Guid.NewGuid():N}"),
                "getAPISession",
                cancellationToken);
        }
        catch (IntacctOutcomeUnknownException ex)
        {
            throw new IntacctUnavailableException($"Could not open an Intacct session: {ex.Message}", ex);
        }

        if (response.ControlStatus != IntacctStatus.Success)
        {
            throw new IntacctUnavailableException($"Intacct refused the sender of getAPISession: {IntacctErrors.Summarize(response.ControlErrors)}");
        }

        if (response.Authentication?.Status != IntacctStatus.Success)
        {
            throw new IntacctUnavailableException($"Intacct refused the login of getAPISession: {IntacctErrors.Summarize(response.Authentication?.Errors ?? [])}");
        }

        var result = response.Results.FirstOrDefault(r => r.Function == "getAPISession");
        var api = result?.Data?.Element("api");
        var sessionId = api?.Element("sessionid")?.Value.Trim();
        if (result?.Status != IntacctStatus.Success || string.IsNullOrEmpty(sessionId))
        {
            throw new IntacctUnavailableException($"getAPISession returned no session: {IntacctErrors.Summarize(result?.Errors ?? [])}");
        }

        var endpoint = SessionEndpoint(api?.Element("endpoint")?.Value.Trim(), settings.Endpoint);
        var session = new IntacctSession(sessionId, endpoint, ExpiryFrom(response.Authentication.SessionLifetime ?? settings.SessionLifetime));
        LogSessionOpened(logger, endpoint.Host, session.ExpiresAt);
        return session;
    }

    private DateTimeOffset ExpiryFrom(TimeSpan lifetime)
    {
        var margin = options.Value.SessionRenewalMargin;
        return timeProvider.GetUtcNow() + (lifetime > margin ? lifetime - margin : lifetime / 2);
    }

    /// <summary>Follows the endpoint Intacct names, but never onto another scheme than the configured one.</summary>
    private static Uri SessionEndpoint(string? named, Uri configured) =>
        Uri.TryCreate(named, UriKind.Absolute, out var endpoint) && endpoint.Scheme == configured.Scheme ? endpoint : configured;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Opened an Intacct API session on {EndpointHost}, renewed after {ExpiresAt:O}")]
    private static partial void LogSessionOpened(ILogger logger, string endpointHost, DateTimeOffset expiresAt);
}
