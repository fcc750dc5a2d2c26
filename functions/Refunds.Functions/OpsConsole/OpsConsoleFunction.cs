using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Refunds.Http.OpsConsole;

namespace Refunds.Functions.OpsConsole;

public static class OpsConsoleFunction
{
    /// <summary>
    /// The ops console's static files at <c>/api/console/</c> (every HTTP function is under the host's <c>api</c>
    /// prefix). Anonymous as in the local host: the files hold no secrets, and the API calls they make carry the
    /// user's bearer token.
    /// </summary>
    [Function("OpsConsole")]
    [AllowAnonymous]
    public static IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ConsoleEndpoint.Route)] HttpRequest request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ConsoleEndpoint.Handle(path, request.HttpContext);
    }
}
