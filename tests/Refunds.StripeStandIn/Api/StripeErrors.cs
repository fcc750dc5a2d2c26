using System.Text.Json.Nodes;

namespace Refunds.StripeStandIn.Api;

/// <summary>Errors shaped like Stripe's: <c>{"error":{"type","code","message","param","doc_url"}}</c>.</summary>
internal static class StripeErrors
{
    public static ApiResponse Error(int status, string type, string message, string? code = null, string? param = null, string? messageCode = null, bool saved = true)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        if (messageCode is not null)
        {
            error["message_code"] = messageCode;
        }

        return new ApiResponse(status, new JsonObject { ["error"] = error }, saved);
    }

    public static ApiResponse ApiError() =>
        Error(500, "api_error", "An unknown error occurred", saved: false);

    public static ApiResponse RateLimit() =>
        Error(429, "invalid_request_error", "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", "rate_limit", saved: false);

    public static ApiResponse LockTimeout() =>
        Error(429, "invalid_request_error", "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request.", "lock_timeout", saved: false);

    public static ApiResponse Unauthorized(string? presentedKey) =>
        Error(401, "authentication_error", presentedKey is null
            ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth."
            : $"Invalid API Key provided: {Mask(presentedKey)}", saved: false);

    public static ApiResponse NoSuch(string kind, string id, string? param = null) =>
        Error(404, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", param);

    /// <summary>Parameter validation happens before the endpoint runs, so Stripe saves no idempotent result.</summary>
    public static ApiResponse InvalidParam(string param, string message, string code = "parameter_invalid") =>
        Error(400, "invalid_request_error", message, code, param, saved: false);

    public static ApiResponse IdempotencyMismatch(string key) =>
        Error(400, "idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.", saved: false);

    private static string Mask(string key) =>
        key.Length <= 8 ? "****" : $"{key[..Math.Min(8, key.Length - 4)]}****{key[^4..]}";
}
