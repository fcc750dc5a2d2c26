using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Reconciliation;

namespace Refunds.Functions.Durable;

public static class DailyReconciliationTimer
{
    /// <summary>
    /// At 00:30 UTC, reconciles the previous day with Stripe for every connected account active in it (see
    /// DailyReconciliation; Reconciliation:DailyRunAfter, 00:20 by default, must be earlier than this schedule). The run's id is the day's,
    /// so a second firing starts nothing new.
    /// </summary>
    [Function("DailyReconciliation")]
    public static async Task Run(
        [TimerTrigger("0 30 0 * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.InstanceServices.GetRequiredService<DailyReconciliation>().StartDueAsync(client, context.CancellationToken);
    }
}
