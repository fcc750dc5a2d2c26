using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Refunds.Http.Features.DurableManagement;

namespace Refunds.Http.OpenApi;

/// <summary><c>GET /api/openapi/v1.json</c>, anonymous: the HTTP API with its bearer scheme and problem responses.</summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>The management key of Durable's instance API (see DurableManagementEndpoints).</summary>
    public const string ManagementKeyScheme = "DurableManagementKey";

    /// <summary>The route template under the <c>/api</c> prefix; served by the local host only (see Refunds.Functions/README.md).</summary>
    public const string Route = "openapi/{documentName}.json";

    public static IServiceCollection AddRefundsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Refunds API";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An RS256 JWT from the platform's identity provider; roles in the 'roles' claim.",
                };
                document.Components.SecuritySchemes[ManagementKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Query,
                    Name = ManagementKeyFilter.Query,
                    Description = $"Durable:ManagementKey, as the 'code' query parameter or the {ManagementKeyFilter.Header} header.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                if (metadata.OfType<ManagementKeyMetadata>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ManagementKeyScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapOpenApi(Route).AllowAnonymous();
}
