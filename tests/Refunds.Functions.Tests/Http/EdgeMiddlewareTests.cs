using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Ports;
using Refunds.Functions.Durable;
using Refunds.Functions.Features.StartRefund;
using Refunds.Functions.Http;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Http;

[Collection(FunctionsCollection.Name)]
public sealed class EdgeMiddlewareTests(FunctionsFixture fixture)
{
    private static readonly System.Reflection.MethodInfo StartRefund = Calls.Method(typeof(StartRefundFunction), nameof(StartRefundFunction.Run));

    private Task<TestResponse> ThrowingAsync(Exception exception, TestRequest? request = null) =>
        FunctionHttp.InvokeAsync(
            fixture.Worker,
            StartRefund,
            request ?? Calls.StartRefundRequest("org_x", "pay_x", Support.TestKeys.Admin("org_x")),
            (http, _) =>
            {
                http.HttpContext.Response.Headers.RetryAfter = "2"; // set before the failure: must not survive it
                throw exception;
            });

    [Fact]
    public async Task Invoke_StripeUnavailableInFunction_ServiceUnavailable503WithRetryAfter()
    {
        var response = await ThrowingAsync(new StripeUnavailableException("Stripe timed out 4 times"));

        Assert.Equal(503, response.Status);
        Assert.Equal("30", response.Header("Retry-After"));
        Assert.Equal("stripe_unavailable", response.Code);
        Assert.DoesNotContain("timed out 4 times", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnexpectedException_InternalError500WithoutExceptionText()
    {
        var response = await ThrowingAsync(new InvalidOperationException("secret connection string"));

        Assert.Equal(500, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal("internal_error", response.Code);
        Assert.Null(response.Header("Retry-After"));
        Assert.DoesNotContain("secret", response.Body, StringComparison.Ordinal);
        Assert.False(response.Json.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task Invoke_HeadersOverLimit_Refused431WithoutRunningTheFunction()
    {
        var ran = false;
        var request = Calls.StartRefundRequest("org_x", "pay_x", Support.TestKeys.Admin("org_x"));
        request.Headers["X-Padding"] = new string('a', 17 * 1024);

        var response = await FunctionHttp.InvokeAsync(fixture.Worker, StartRefund, request, (_, _) =>
        {
            ran = true;
            return Task.FromResult(Results.Ok());
        });

        Assert.Equal(431, response.Status);
        Assert.Equal("headers_too_large", response.Code);
        Assert.False(ran);
    }

    [Fact]
    public async Task Invoke_ActivityThrows_ExceptionReachesDurable()
    {
        // No HttpContext: an activity's failure is Durable's to record and retry, not an HTTP answer.
        var middleware = fixture.Worker.Services.GetRequiredService<EdgeExceptionMiddleware>();
        await using var scope = fixture.Worker.Services.CreateAsyncScope();
        var activity = new TestFunctionContext(scope.ServiceProvider, Calls.Method(typeof(ActivityTriggers), nameof(ActivityTriggers.RunRecordRefund)));

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => middleware.Invoke(activity, _ => throw new TimeoutException("storage")));

        Assert.Equal("storage", thrown.Message);
    }
}
