using Microsoft.Net.Http.Headers;
using Refunds.Http.Http;

namespace Refunds.Http.OpsConsole;

/// <summary>
/// Serves the ops console's static files, with a strict Content-Security-Policy, from both hosts: under the Functions
/// route prefix at <c>/api/console/</c>, and in the local host also at <c>/ops/</c>. The files hold no secrets, so
/// they are anonymous; every call they make to the API carries the signed-in user's bearer token.
/// </summary>
public static class ConsoleEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "console/{*path}";

    /// <summary>
    /// Only this page's own scripts, styles, images and API calls; no inline script or style, no plugins, no framing,
    /// and DOM sinks that parse HTML (innerHTML and the like) blocked by Trusted Types: the console builds its DOM with
    /// createElement and textContent, so text from the API can never become markup.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'; trusted-types 'none'";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet(Route, Handle).WithName("OpsConsole").AllowAnonymous().ExcludeFromDescription();

    /// <param name="path">The part of the URL after the console's root; empty or null for the root itself.</param>
    public static IResult Handle(string? path, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // The console's files refer to each other relatively: its root must end in '/'.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(context.Request.PathBase + context.Request.Path + "/");
        }

        if (ConsoleAssets.Find(string.IsNullOrEmpty(path) ? "index.html" : path) is not { } asset)
        {
            return Problems.NotFound($"The ops console has no file {path}.");
        }

        // Revalidated on every load (cheap with the ETag), so a deployment is seen at once.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        var etag = new EntityTagHeaderValue(asset.ETag);
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(candidate => candidate.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
