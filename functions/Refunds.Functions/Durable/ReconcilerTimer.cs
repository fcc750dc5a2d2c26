using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;

namespace Refunds.Functions.Durable;

public static class ReconcilerTimer
{
    /// <summary>
    /// Every minute, starts the orchestration of any record overdue without one (see OrchestrationReconciler). A failed
    /// run is logged by the host and the next tick tries again, as the local host's ReconcilerService does.
    /// </summary>
    [Function("Reconciler")]
    public static async Task Run(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.InstanceServices.GetRequiredService<OrchestrationReconciler>().ReconcileAsync(client, context.CancellationToken);
    }
}
