using Refunds.Api.Features.RefundActions;
using Refunds.Api.Features.IntacctRetry;
using Refunds.Api.Features.RefundStatus;
using Refunds.Api.Features.StartRefund;
using Refunds.Api.Features.StripeWebhooks;
using Refunds.Api.Features.Sync;
using Refunds.Api.Health;
using Refunds.Api.Hosting;
using Refunds.Api.Http;
using Refunds.Api.OpenApi;

namespace Refunds.Api;

/// <summary>
/// The local host: the HTTP handlers the Functions app also serves, on Kestrel, with the application's orchestrations on
/// the Durable Task engine over Azure Storage (Azurite locally). Used by ./run-local.sh, the tests and the benchmarks.
/// </summary>
public static class RefundsApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = HeaderLimits.KestrelHardLimitBytes;
        });
        builder.AddRefundsServices();
        builder.Services.AddRefundsHosting(builder.Configuration);
        builder.Services.AddRefundsOpenApi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHeaderLimits();
        app.UseAuthentication();
        app.UseAuthorization();

        var api = app.MapGroup("/api");
        StartRefundEndpoint.Map(api);
        GetRefundEndpoint.Map(api);
        SyncEndpoints.Map(api);
        CreditMemoEndpoints.Map(api);
        StripeWebhookEndpoint.Map(api);
        RefundActionEndpoints.Map(api);
        RetryIntacctEndpoint.Map(api);
        HealthSetup.Map(api);
        OpenApiSetup.Map(api);
        return app;
    }
}
