using Swashbuckle.AspNetCore.SwaggerUI;

namespace Refunds.Api.Reference;

/// <summary>
/// <c>GET /api/reference</c>, anonymous: Swagger UI over the OpenAPI document, served from the files embedded in the
/// Swashbuckle.AspNetCore.SwaggerUI package, so a browser loads nothing from another host. The local host only.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the reference is served (Swagger UI redirects it to <c>/api/reference/index.html</c>).</summary>
    public const string Path = "/api/reference";

    /// <summary>The document it shows: the one <see cref="Refunds.Http.OpenApi.OpenApiSetup"/> serves.</summary>
    public const string DocumentPath = "/api/openapi/v1.json";

    public static IApplicationBuilder UseApiReference(this IApplicationBuilder app) =>
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = Path.TrimStart('/');
            options.DocumentTitle = "Refunds API reference";
            options.SwaggerEndpoint(DocumentPath, "Refunds API v1");

            // Swagger UI's own default would send the document to an outside validator; the package leaves it off, and
            // so do we, explicitly.
            options.ConfigObject.ValidatorUrl = null;
        });
}
