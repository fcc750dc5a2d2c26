using Refunds.Application;
using Refunds.Functions.Auth;
using Refunds.Functions.Features.RefundActions;
using Refunds.Functions.Features.IntacctRetry;
using Refunds.Functions.Features.RefundStatus;
using Refunds.Functions.Features.StartRefund;
using Refunds.Functions.Features.StripeWebhooks;
using Refunds.Functions.Features.Sync;
using Refunds.Functions.Health;
using Refunds.Functions.Hosting;
using Refunds.Functions.Http;
using Refunds.Functions.OpenApi;
using Refunds.Functions.Telemetry;

namespace Refunds.Functions;

/// <summary>Builds the one app that runs standalone (local, tests) and as an Azure Functions custom handler.</summary>
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
        if (CustomHandler.Port(builder.Configuration) is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        builder.Services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddMissingCode);
        builder.Services.AddExceptionHandler<EdgeExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRefundsAuth(builder.Configuration);
        builder.Services.AddRefundsApplication(builder.Configuration);
        builder.Services.AddRefundsAdapters(builder.Configuration);
        builder.Services.AddRefundsHosting(builder.Configuration);
        builder.AddRefundsTelemetry();
        builder.Services.AddIntacctReversalCounting();
        builder.Services.AddRefundsHealth(builder.Configuration);
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
        StripeWebhookEndpoint.Map(api);
        RefundActionEndpoints.Map(api);
        RetryIntacctEndpoint.Map(api);
        HealthSetup.Map(api);
        OpenApiSetup.Map(api);
        CustomHandler.Map(app);
        return app;
    }
}
