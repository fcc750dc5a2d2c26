using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Refunds.Http.Http;

namespace Refunds.Functions.Http;

/// <summary>The local host's header budget (431 <c>headers_too_large</c>) on HTTP invocations.</summary>
public sealed class HeaderLimitsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http && HeaderLimits.Check(http.Request) is { } refusal)
        {
            HttpFunctionContext.Answer(context, refusal);
            return;
        }

        await next(context);
    }
}
