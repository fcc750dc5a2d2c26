using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Refunds.Http;
using Refunds.Functions.Auth;
using Refunds.Functions.Http;
using Refunds.Functions.Logging;

namespace Refunds.Functions;

/// <summary>All of Program.cs but Build and Run, so the tests build the very container the worker runs.</summary>
public static class FunctionsApp
{
    public static FunctionsApplicationBuilder ConfigureRefundsFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // First: it registers the middleware that hands over the HttpContext and executes the IResult a function
        // returns; middleware registered after it runs inside it, so it sees the HttpContext and its answers get written.
        builder.ConfigureFunctionsWebApplication();

        // The local host's order: exception handler, header limits, authentication and authorization.
        builder.UseMiddleware<EdgeExceptionMiddleware>();
        builder.UseMiddleware<HeaderLimitsMiddleware>();
        builder.UseMiddleware<BearerAuthMiddleware>();

        FrameworkLogLevels.AddAsLowestPrecedence(builder.Configuration);

        // No process-wide DurableTaskClient: each function passes its [DurableClient] binding to the application.
        builder.AddRefundsServices();
        return builder;
    }
}
