using Refunds.Application;
using Refunds.Http.Auth;
using Refunds.Http.Features.DurableManagement;
using Refunds.Http.Features.Listing;
using Refunds.Http.Health;
using Refunds.Http.Http;
using Refunds.Http.Telemetry;

namespace Refunds.Http;

/// <summary>
/// The services both hosts run the handlers with: the local host (Refunds.Api) and the Azure Functions app
/// (Refunds.Functions). Each host adds only its own edges: Kestrel, the Durable engine (and its process-wide
/// DurableTaskClient) and OpenAPI in the local host; the worker middleware and the [DurableClient] bindings in the
/// Functions app.
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
        builder.Services.AddRefundsListing(builder.Configuration);
        builder.Services.AddOptions<DurableManagementOptions>().Bind(builder.Configuration.GetSection(DurableManagementOptions.Section));
        return builder;
    }
}
