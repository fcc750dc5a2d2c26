using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Ports;

namespace Refunds.Functions.Durable;

/// <summary>
/// One activity trigger per activity of the application, named after its class (the orchestrators call them by
/// <c>nameof</c>). Each run builds its activity from the invocation's services, as the local host does per run.
/// <c>instanceId</c> is not a binding: the worker fills it from the trigger's binding data (the orchestration's id).
/// </summary>
public static class ActivityTriggers
{
    [Function(nameof(CreateStripeRefundActivity))]
    public static Task<RefundView> RunCreateStripeRefund([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<CreateStripeRefundActivity, RefundInstance, RefundView>(input, instanceId, context);

    [Function(nameof(CheckFundsActivity))]
    public static Task<RefundView> RunCheckFunds([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<CheckFundsActivity, RefundInstance, RefundView>(input, instanceId, context);

    [Function(nameof(PollStripeRefundActivity))]
    public static Task<RefundView> RunPollStripeRefund([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<PollStripeRefundActivity, RefundInstance, RefundView>(input, instanceId, context);

    [Function(nameof(ReopenInvoicesActivity))]
    public static Task<RefundView> RunReopenInvoices([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<ReopenInvoicesActivity, RefundInstance, RefundView>(input, instanceId, context);

    [Function(nameof(ReverseIntacctPaymentActivity))]
    public static Task<RefundView> RunReverseIntacctPayment([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<ReverseIntacctPaymentActivity, RefundInstance, RefundView>(input, instanceId, context);

    [Function(nameof(ReadRefundActivity))]
    public static Task<RefundView> RunReadRefund([ActivityTrigger] RefundInstance input, string instanceId, FunctionContext context) =>
        RunAsync<ReadRefundActivity, RefundInstance, RefundView>(input, instanceId, context);

    /// <summary>Applying an event may start or wake refund orchestrations: it signals through the bound client.</summary>
    [Function(nameof(ProcessStripeEventActivity))]
    public static async Task<string> RunProcessStripeEvent(
        [ActivityTrigger] StripeEvent input,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        using (DurableClientAccessor.Use(client))
        {
            return await RunAsync<ProcessStripeEventActivity, StripeEvent, string>(input, instanceId, context);
        }
    }

    private static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        return activity.RunAsync(new FunctionsActivityContext(typeof(TActivity).Name, instanceId), input);
    }
}
