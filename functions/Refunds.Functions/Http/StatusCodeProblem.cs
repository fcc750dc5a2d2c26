using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Refunds.Functions.Http;

/// <summary>
/// What the local host's UseStatusCodePages writes for a status set without a body (a challenge, a forbid): the
/// problem the registered IProblemDetailsService makes of the bare status, with its <c>code</c> added there.
/// </summary>
internal sealed class StatusCodeProblem : IResult
{
    public static readonly StatusCodeProblem Instance = new();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = httpContext.Response.StatusCode },
        }).AsTask();
    }
}
