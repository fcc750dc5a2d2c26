namespace Refunds.Http.Http;

/// <summary>
/// The <c>code</c> of problem responses written without one: the framework's own (401 challenge, unmatched route,
/// 405, 500 from the exception handler) and Kestrel's refusals. Codes set by an endpoint are never replaced.
/// </summary>
public static class ProblemCodes
{
    private static readonly Dictionary<int, string> ByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = "bad_request",
        [StatusCodes.Status401Unauthorized] = "unauthorized",
        [StatusCodes.Status403Forbidden] = "forbidden",
        [StatusCodes.Status404NotFound] = "not_found",
        [StatusCodes.Status405MethodNotAllowed] = "method_not_allowed",
        [StatusCodes.Status408RequestTimeout] = "request_timeout",
        [StatusCodes.Status413PayloadTooLarge] = "body_too_large",
        [StatusCodes.Status415UnsupportedMediaType] = "unsupported_media_type",
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = "headers_too_large",
        [StatusCodes.Status500InternalServerError] = "internal_error",
        [StatusCodes.Status503ServiceUnavailable] = "service_unavailable",
    };

    public static string ForStatus(int status) =>
        ByStatus.TryGetValue(status, out var code) ? code : status < 500 ? "bad_request" : "internal_error";

    public static void AddMissingCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", ForStatus(status));
        if (status >= StatusCodes.Status500InternalServerError && context.Exception is not null)
        {
            // An unexpected exception's message may hold anything (ids, SQL, secrets); it belongs in the log only.
            problem.Detail = null;
            problem.Extensions.Remove("exception");
        }
    }
}
