using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Refunds.Api;
using Refunds.TestSupport;

namespace Refunds.Functions.Tests.Support;

/// <summary>One route the local host serves: its template under /api, its method (<see cref="AnyMethod"/> for none), name and auth metadata.</summary>
internal sealed record LocalRoute(string Route, string Method, string? Name, bool AllowAnonymous, IReadOnlyList<string> Authorize)
{
    public const string AnyMethod = "*";

    /// <summary>
    /// The routes of the local host as built by RefundsApp.Build (not started, so no storage is touched), read from
    /// its endpoint data sources: the contract the Functions app must serve too.
    /// </summary>
    public static async Task<IReadOnlyList<LocalRoute>> ReadAsync()
    {
        var settings = TestSettings.For("UseDevelopmentStorage=true", AzuriteFixture.NewName("unused"));
        await using var app = RefundsApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        // The app's own data sources: the EndpointDataSource service is filled from them only when the app starts.
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var metadata = endpoint.Metadata;
                var route = endpoint.RoutePattern.RawText!.TrimStart('/');
                IReadOnlyList<string> methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                var authorize = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => $"policy={a.Policy} roles={a.Roles}").ToList();
                return (methods.Count == 0 ? [AnyMethod] : methods).Select(method => new LocalRoute(
                    route.StartsWith("api/", StringComparison.Ordinal) ? route["api/".Length..] : route,
                    method,
                    metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                    metadata.GetMetadata<IAllowAnonymous>() is not null,
                    authorize));
            })
            .ToList();
    }
}
