using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Refunds.Functions.Auth;
using Refunds.Functions.Http;

namespace Refunds.Functions.Tests.Support;

/// <summary>
/// Runs an HTTP function as the worker does, minus the gRPC hop: the app's middleware in the order FunctionsApp
/// registers it (resolved from the worker's container), the function, then the invocation's result written by the
/// shipped ASP.NET Core integration's own code (FunctionsHttpProxyingMiddleware.TryHandleHttpResult).
/// </summary>
internal static class FunctionHttp
{
    private static readonly Type[] MiddlewareOrder = [typeof(EdgeExceptionMiddleware), typeof(HeaderLimitsMiddleware), typeof(BearerAuthMiddleware)];

    private static readonly MethodInfo WriteResult = typeof(FunctionContextExtensions).Assembly
        .GetType("Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore.FunctionsHttpProxyingMiddleware", throwOnError: true)!
        .GetMethod("TryHandleHttpResult", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("FunctionsHttpProxyingMiddleware.TryHandleHttpResult is gone: the integration changed.");

    public static async Task<TestResponse> InvokeAsync(
        IHost worker,
        MethodInfo function,
        TestRequest request,
        Func<HttpRequest, FunctionContext, Task<IResult>> call)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        var http = request.ToHttpContext(scope.ServiceProvider);
        var context = new TestFunctionContext(scope.ServiceProvider, function, http);

        FunctionExecutionDelegate pipeline = async c => c.GetInvocationResult().Value = await call(http.Request, c);
        foreach (var type in MiddlewareOrder.Reverse())
        {
            var middleware = (IFunctionsWorkerMiddleware)worker.Services.GetRequiredService(type);
            var next = pipeline;
            pipeline = c => middleware.Invoke(c, next);
        }

        await pipeline(context);
        if (context.GetInvocationResult().Value is { } result)
        {
            await (Task<bool>)WriteResult.Invoke(null, [result, context, http, true])!;
        }

        http.Response.Body.Position = 0;
        return TestResponse.From(http.Response, await new StreamReader(http.Response.Body, Encoding.UTF8).ReadToEndAsync());
    }
}

internal sealed record TestRequest(string Method, string Path, string? Token = null, string? JsonBody = null)
{
    public Dictionary<string, string> Headers { get; init; } = [];

    public DefaultHttpContext ToHttpContext(IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = Method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1");
        http.Request.Path = Path;
        if (Token is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + Token;
        }

        foreach (var (name, value) in Headers)
        {
            http.Request.Headers[name] = value;
        }

        if (JsonBody is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(JsonBody);
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = bytes.Length;
            http.Request.Body = new MemoryStream(bytes);
        }

        http.Response.Body = new MemoryStream();
        return http;
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (JsonBody is not null)
        {
            message.Content = new StringContent(JsonBody, Encoding.UTF8, "application/json");
        }

        return message;
    }
}
