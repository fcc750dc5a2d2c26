using Microsoft.DurableTask;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Ports;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Applies one verified Stripe event, once per event id (the instance id). Nothing is lost while Stripe, storage or a
/// worker is down: the activity is retried with back-off, then again after a pause, for as long as it takes.
/// </summary>
public sealed class StripeEventOrchestrator : TaskOrchestrator<StripeEvent, string>
{
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    private static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);

    private const int RoundsPerExecution = 20;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, StripeEvent input)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var round = 0; round < RoundsPerExecution; round++)
        {
            try
            {
                return await context.CallActivityAsync<string>(nameof(ProcessStripeEventActivity), input, ActivityRetry);
            }
            catch (TaskFailedException)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + Pause, CancellationToken.None);
            }
        }

        context.ContinueAsNew(input);
        return "retrying";
    }
}
