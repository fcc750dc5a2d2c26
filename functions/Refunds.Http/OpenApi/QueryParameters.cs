using Microsoft.OpenApi;

namespace Refunds.Http.OpenApi;

/// <summary>
/// Documents query parameters a handler reads itself (it parses them into one <c>validation_failed</c> answer, so the
/// framework never binds them): each becomes an optional string parameter, repeatable ones an exploded array.
/// </summary>
public static class QueryParameters
{
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params (string Name, string Description, bool Repeatable)[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description, repeatable) in parameters)
            {
                var text = new OpenApiSchema { Type = JsonSchemaType.String };
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Required = false,
                    Explode = repeatable,
                    Schema = repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = text } : text,
                });
            }

            return Task.CompletedTask;
        });
}
