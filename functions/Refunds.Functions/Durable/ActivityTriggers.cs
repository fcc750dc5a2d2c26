using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Reconciliation;

namespace Refunds.Functions.Durable;

/// <summary>
/// One activity trigger per activity of the application, named after its class (the orchestrators call them by
/// <c>nameof</c>). Each run builds its activity from the invocation's services, as the local host does per run.
/// <c>instanceId</c> is not a binding: the worker fills it from the trigger's binding data (the orchestration's id).
/// </summary>
public static class ActivityTriggers
{
    [Function(nameof(CreateStripeRefundActivity))]
    public static Task<RefundProgress> RunCreateStripeRefund([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<CreateStripeRefundActivity, RefundInstance, RefundProgress>(input, instanceId, context);

    [Function(nameof(CheckFundsActivity))]
    public static Task<RefundProgress> RunCheckFunds([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<CheckFundsActivity, RefundInstance, RefundProgress>(input, instanceId, context);

    [Function(nameof(PollStripeRefundActivity))]
    public static Task<RefundProgress> RunPollStripeRefund([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<PollStripeRefundActivity, RefundInstance, RefundProgress>(input, instanceId, context);

    [Function(nameof(RecordRefundActivity))]
    public static Task<RefundProgress> RunRecordRefund([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<RecordRefundActivity, RefundInstance, RefundProgress>(input, instanceId, context);

    [Function(nameof(ReverseIntacctPaymentActivity))]
    public static Task<RefundProgress> RunReverseIntacctPayment([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<ReverseIntacctPaymentActivity, RefundInstance, RefundProgress>(input, instanceId, context);

    [Function(nameof(PlanReconciliationActivity))]
    public static Task<string[]> RunPlanReconciliation([ActivityTrigger] ReconciliationInput input, string instanceId, FunctionContext context) =>
        RunAsync<PlanReconciliationActivity, ReconciliationInput, string[]>(input, instanceId, context);

    [Function(nameof(ReconcileAccountActivity))]
    public static Task<AccountReconciliation> RunReconcileAccount([ActivityTrigger] AccountReconciliationInput input, string instanceId, FunctionContext context) =>
        RunAsync<ReconcileAccountActivity, AccountReconciliationInput, AccountReconciliation>(input, instanceId, context);

    [Function(nameof(CompleteReconciliationActivity))]
    public static Task<string> RunCompleteReconciliation([ActivityTrigger] ReconciliationCompletion input, string instanceId, FunctionContext context) =>
        RunAsync<CompleteReconciliationActivity, ReconciliationCompletion, string>(input, instanceId, context);

    private static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        return activity.RunAsync(new FunctionsActivityContext(typeof(TActivity).Name, instanceId), input);
    }
}
