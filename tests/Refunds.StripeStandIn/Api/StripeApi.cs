using Microsoft.AspNetCore.Http;
using Refunds.StripeStandIn.Ledger;

namespace Refunds.StripeStandIn.Api;

/// <summary>The <c>/v1</c> endpoints: authentication, rate limit, injected faults, then the ledger.</summary>
internal sealed class StripeApi(StandInLedger ledger, StripeStandInOptions options, RequestRateLimit? rateLimit, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var account = Header(request, "Stripe-Account");
        var idempotencyKey = HttpMethods.IsPost(request.Method) ? Header(request, "Idempotency-Key") : null;
        var parameters = await ReadParametersAsync(request).ConfigureAwait(false);

        var response = await ProcessAsync(request.Method, request.Path.Value ?? "/", account, idempotencyKey, parameters, request).ConfigureAwait(false);

        ledger.Record(new RecordedRequest(request.Method, request.Path.Value ?? "/", account, idempotencyKey, parameters, response.Status, response.Replayed, options.TimeProvider.GetUtcNow()));
        var headers = context.Response.Headers;
        headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        headers["Stripe-Version"] = "2026-10-28.endive";
        if (idempotencyKey is not null)
        {
            headers["Idempotency-Key"] = idempotencyKey;
        }

        if (response.Replayed)
        {
            headers["Idempotent-Replayed"] = "true";
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiResponse> ProcessAsync(
        string method, string path, string? account, string? idempotencyKey, IReadOnlyDictionary<string, string> parameters, HttpRequest request)
    {
        var bearer = Bearer(request);
        if (bearer != options.ApiKey)
        {
            return StripeErrors.Unauthorized(bearer);
        }

        if (rateLimit?.TryAcquire() == false)
        {
            return StripeErrors.RateLimit();
        }

        var fault = ledger.TakeFault();
        switch (fault?.Kind)
        {
            case FaultKind.ApiError:
                return StripeErrors.ApiError();
            case FaultKind.RateLimit:
                return StripeErrors.RateLimit();
            case FaultKind.LockTimeout:
                return StripeErrors.LockTimeout();
            case FaultKind.Delay:
                // Real time, not the fake clock: this is latency a client times out on. Deliberately not tied to the
                // client's connection: a request the client gave up on may still run, as on the real Stripe.
                await Task.Delay(fault.Duration, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                break;
        }

        if (HttpMethods.IsPost(method) && path == "/v1/refunds" && ledger.NoteRefundCreateStarted() is { } createDelay)
        {
            await Task.Delay(createDelay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (path.TrimEnd('/') == "/v1/refunds")
        {
            await ledger.ResolveIfUnknownAsync(parameters.GetValueOrDefault("payment_intent"), stopping).ConfigureAwait(false);
        }

        var response = Route(method, path, account, idempotencyKey, parameters);
        return fault?.Kind == FaultKind.ProcessThenFail ? StripeErrors.ApiError() : response;
    }

    private ApiResponse Route(string method, string path, string? account, string? idempotencyKey, IReadOnlyDictionary<string, string> parameters)
    {
        var segments = path.Trim('/').Split('/');
        return (method, segments) switch
        {
            ("POST", ["v1", "refunds"]) => WithAccount(account, a => ledger.Idempotent(a, idempotencyKey, Fingerprint(method, path, parameters), () => ledger.CreateRefund(a, parameters))),
            ("GET", ["v1", "refunds"]) => WithAccount(account, a => ledger.ListRefunds(a, parameters)),
            ("GET", ["v1", "refunds", var id]) => WithAccount(account, a => ledger.RetrieveRefund(a, id)),
            ("GET", ["v1", "balance"]) => WithAccount(account, ledger.BalanceOf),
            _ => StripeErrors.Error(404, "invalid_request_error", $"Unrecognized request URL ({method}: {path}). The Stripe stand-in serves only refunds and balance.", saved: false),
        };
    }

    private static ApiResponse WithAccount(string? account, Func<string, ApiResponse> handle) =>
        account is null
            ? StripeErrors.InvalidParam("Stripe-Account", "The stand-in serves direct charges on connected accounts only: send the Stripe-Account header.", "parameter_missing")
            : handle(account);

    private static string Fingerprint(string method, string path, IReadOnlyDictionary<string, string> parameters) =>
        $"{method} {path}?{string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";

    private static async Task<IReadOnlyDictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            result[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                result[key] = value.ToString();
            }
        }

        return result;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static string? Bearer(HttpRequest request)
    {
        var authorization = Header(request, "Authorization");
        const string scheme = "Bearer ";
        return authorization is not null && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[scheme.Length..].Trim()
            : authorization;
    }
}
