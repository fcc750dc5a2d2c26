using Refunds.Http.Features.RefundActions;
using Refunds.Http.Features.DurableManagement;
using Refunds.Http.Features.IntacctRetry;
using Refunds.Http.Features.Listing;
using Refunds.Http.Features.Reads;
using Refunds.Http.Features.Reconciliation;
using Refunds.Http.Features.RefundStatus;
using Refunds.Http.Features.StartRefund;
using Refunds.Http.Features.StripeWebhooks;
using Refunds.Http.Features.Sync;
using Refunds.Http.Health;
using Refunds.Api.Hosting;
using Refunds.Api.Reference;
using Refunds.Http.Http;
using Refunds.Http;
using Refunds.Http.OpenApi;
using Refunds.Http.OpsConsole;
using Refunds.Api.OpsConsole;

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
        app.UseApiReference();
        app.UseAuthentication();
        app.UseAuthorization();

        var api = app.MapGroup("/api");
        StartRefundEndpoint.Map(api);
        GetRefundEndpoint.Map(api);
        ListRefundsEndpoint.Map(api);
        AttentionEndpoint.Map(api);
        SyncEndpoints.Map(api);
        LedgerReadEndpoints.Map(api);
        CreditMemoEndpoints.Map(api);
        StripeWebhookEndpoint.Map(api);
        RefundActionEndpoints.Map(api);
        RetryIntacctEndpoint.Map(api);
        ReconciliationEndpoints.Map(api);
        HealthSetup.Map(api);
        OpenApiSetup.Map(api);
        ConsoleEndpoint.Map(api);
        LocalConsole.Map(app);

        // Durable's management API on the paths the Functions host serves it, outside /api.
        DurableManagementEndpoints.Map(app);
        return app;
    }
}
