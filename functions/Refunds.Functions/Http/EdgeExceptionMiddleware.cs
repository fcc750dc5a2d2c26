using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Refunds.Functions.Http;

/// <summary>
/// The worker's UseExceptionHandler: an HTTP function's exception gets the answer it gets from the local host, from the
/// same IExceptionHandlers (EdgeExceptionHandler: 503 <c>stripe_unavailable</c> with Retry-After, refused bodies),
/// else a 500 <c>internal_error</c> problem without the exception's text. Other triggers rethrow: Durable records
/// and retries a failed activity or orchestration, and the host logs a failed timer run.
/// </summary>
public sealed partial class EdgeExceptionMiddleware(
    IEnumerable<IExceptionHandler> handlers,
    IProblemDetailsService problems,
    ILogger<EdgeExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            context.GetInvocationResult().Value = null;
            await AnswerAsync(http, exception);
        }
    }

    private async Task AnswerAsync(HttpContext http, Exception exception)
    {
        // As ExceptionHandlerMiddleware does: nothing the function had set (Retry-After, Location) survives.
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        http.Response.Headers.CacheControl = "no-cache,no-store";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers.Expires = "-1";

        foreach (var handler in handlers)
        {
            if (await handler.TryHandleAsync(http, exception, http.RequestAborted))
            {
                return;
            }
        }

        LogUnhandled(logger, exception, http.Request.Method, http.Request.Path);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An unhandled exception has occurred while executing {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
