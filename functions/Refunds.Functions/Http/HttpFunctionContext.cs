using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Refunds.Functions.Http;

internal static class HttpFunctionContext
{
    /// <summary>
    /// Answers an HTTP invocation without running its function: the ASP.NET Core integration writes the invocation's
    /// result after the middleware chain, as it writes the IResult a function returns.
    /// </summary>
    public static void Answer(FunctionContext context, IResult result) => context.GetInvocationResult().Value = result;
}
