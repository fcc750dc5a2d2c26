using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refunds.Application.ExternalEvents;
using Refunds.Application.Intacct;
using Refunds.Application.Listing;
using Refunds.Application.Reads;
using Refunds.Application.Orchestrations;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Ports;
using Refunds.Application.Reconciliation;
using Refunds.Application.StartRefund;
using Refunds.Application.Status;
using Refunds.Application.StripeEvents;
using Refunds.Application.Sync;
using Refunds.Application.Workflow;

namespace Refunds.Application;

public static class ApplicationServices
{
    /// <summary>The orchestrators both hosts run (the Functions app wraps each in an [OrchestrationTrigger]).</summary>
    public static readonly IReadOnlyList<Type> Orchestrators =
    [
        typeof(RefundOrchestrator),
        typeof(LateFailureOrchestrator),
        typeof(IntacctReversalOrchestrator),
        typeof(ReconciliationOrchestrator),
    ];

    /// <summary>The activities both hosts run (the Functions app wraps each in an [ActivityTrigger]).</summary>
    public static readonly IReadOnlyList<Type> Activities =
    [
        typeof(CreateStripeRefundActivity),
        typeof(CheckFundsActivity),
        typeof(PollStripeRefundActivity),
        typeof(RecordRefundActivity),
        typeof(ReverseIntacctPaymentActivity),
        typeof(PlanReconciliationActivity),
        typeof(ReconcileAccountActivity),
        typeof(CompleteReconciliationActivity),
    ];

    public static IServiceCollection AddRefundsApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section));
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section));
        services.AddOptions<CrashPointOptions>().Bind(configuration.GetSection(CrashPointOptions.Section));
        services.AddSingleton<CrashPoints>();
        services.AddSingleton<ConflictRetry>();
        services.AddSingleton<RefundRecords>();
        services.AddSingleton<StripeRefundAnswers>();
        services.AddSingleton<OrchestrationReconciler>();
        services.AddSingleton<StartRefundHandler>();
        services.AddSingleton<RefundStatusQuery>();
        services.AddSingleton<RefundListQuery>();
        services.AddSingleton<AttentionQuery>();
        services.AddSingleton<LedgerReads>();
        services.AddSingleton<UpsertPaymentHandler>();
        services.AddSingleton<UpsertInvoiceHandler>();
        services.AddSingleton<UpsertCreditMemoHandler>();
        services.AddSingleton<UpsertSettingsHandler>();
        services.AddSingleton<WorkflowEventApplier>();
        services.AddSingleton<RefundActionsHandler>();
        services.AddSingleton<StripeWebhookIngest>();
        services.AddSingleton<StripeEventProcessor>();
        services.AddSingleton<RetryIntacctHandler>();
        services.AddSingleton<IWorkflowSignals, DurableWorkflowSignals>();
        services.AddSingleton<AccountReconciler>();
        services.AddSingleton<ReconciliationCompleter>();
        services.AddSingleton<ReconciliationStarter>();
        services.AddSingleton<StartReconciliationHandler>();
        services.AddSingleton<DailyReconciliation>();
        services.AddSingleton<ReconciliationQuery>();
        services.AddSingleton<RecordOutsideRefundHandler>();
        services.TryAddSingleton<IMoveTelemetry, NoMoveTelemetry>();
        services.TryAddSingleton<IReconciliationTelemetry, NoReconciliationTelemetry>();
        foreach (var task in Orchestrators.Concat(Activities))
        {
            services.TryAddTransient(task);
        }

        return services;
    }
}
