using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Refunds.Http.Health;

namespace Refunds.Functions.Health;

public static class HealthFunction
{
    /// <summary>
    /// Anonymous as in the local host, and like its MapHealthChecks endpoint it answers any method (no methods listed).
    /// </summary>
    [Function("Health")]
    [AllowAnonymous]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = HealthSetup.Route)] HttpRequest request) =>
        HealthResult.Instance;

    private sealed class HealthResult : IResult
    {
        public static readonly HealthResult Instance = new();

        public Task ExecuteAsync(HttpContext httpContext) => HealthSetup.RespondAsync(httpContext);
    }
}
