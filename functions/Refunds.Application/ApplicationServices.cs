using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.ExternalEvents;
using Refunds.Application.Intacct;
using Refunds.Application.StartRefund;
using Refunds.Application.Status;
using Refunds.Application.StripeEvents;
using Refunds.Application.Sync;
using Refunds.Application.Workflow;

namespace Refunds.Application;

public static class ApplicationServices
{
    public static IServiceCollection AddRefundsApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section));
        services.AddOptions<CrashPointOptions>().Bind(configuration.GetSection(CrashPointOptions.Section));
        services.AddSingleton<CrashPoints>();
        services.AddSingleton<StepScheduler>();
        services.AddSingleton<RefundSteps>();
        services.AddSingleton<StepRunner>();
        services.AddSingleton<StalledWorkflowSweeper>();
        services.AddSingleton<StartRefundHandler>();
        services.AddSingleton<RefundStatusQuery>();
        services.AddSingleton<UpsertPaymentHandler>();
        services.AddSingleton<UpsertInvoiceHandler>();
        services.AddSingleton<WorkflowEventApplier>();
        services.AddSingleton<RefundActionsHandler>();
        services.AddSingleton<StripeWebhookIngest>();
        services.AddSingleton<StripeEventProcessor>();
        services.AddSingleton<IntacctReversalRunner>();
        services.AddSingleton<RetryIntacctHandler>();
        return services;
    }
}
