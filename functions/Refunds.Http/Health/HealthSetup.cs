using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Refunds.Http.Health;

/// <summary><c>GET /api/health</c>: 200 when every dependency answers, 503 with the failing ones named otherwise.</summary>
public static class HealthSetup
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "health";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddRefundsHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, [], options.Timeout);
        return services;
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapHealthChecks(Route, ResponseOptions()).WithName("Health").AllowAnonymous();

    /// <summary>
    /// Answers a health request outside endpoint routing (the Functions app's Health function) through the same
    /// middleware and options MapHealthChecks uses, so status codes and cache headers match.
    /// </summary>
    public static Task RespondAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var middleware = new HealthCheckMiddleware(
            _ => Task.CompletedTask,
            Options.Create(ResponseOptions()),
            context.RequestServices.GetRequiredService<HealthCheckService>());
        return middleware.InvokeAsync(context);
    }

    private static HealthCheckOptions ResponseOptions() => new() { ResponseWriter = WriteAsync };

    /// <summary>Names and statuses only: exception text may carry endpoints and is for logs, not for anonymous callers.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, durationMs = (long)entry.Value.Duration.TotalMilliseconds }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}
