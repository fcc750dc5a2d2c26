using Refunds.Application;
using Refunds.Api.Auth;
using Refunds.Api.Health;
using Refunds.Api.Hosting;
using Refunds.Api.Http;
using Refunds.Api.Telemetry;

namespace Refunds.Api;

/// <summary>
/// The services both hosts run the handlers with: the local host (<see cref="RefundsApp"/>) and the Azure Functions
/// app (Refunds.Functions). Each host adds only its own edges: Kestrel, the Durable engine and OpenAPI here; the
/// worker middleware and the [DurableClient] bindings there.
/// </summary>
public static class RefundsServices
{
    public static IHostApplicationBuilder AddRefundsServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddMissingCode);
        builder.Services.AddExceptionHandler<EdgeExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRefundsAuth(builder.Configuration);
        builder.Services.AddRefundsApplication(builder.Configuration);
        builder.Services.AddRefundsAdapters(builder.Configuration);
        builder.AddRefundsTelemetry();
        builder.Services.AddIntacctReversalCounting();
        builder.Services.AddRefundsHealth(builder.Configuration);
        return builder;
    }
}
