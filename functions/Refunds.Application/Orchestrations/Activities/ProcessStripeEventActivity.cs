using Microsoft.DurableTask;
using Refunds.Application.Ports;
using Refunds.Application.StripeEvents;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Applies a Stripe event to the ledger and signals the orchestrations it concerns; safe to repeat.</summary>
public sealed class ProcessStripeEventActivity(StripeEventProcessor processor) : TaskActivity<StripeEvent, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, StripeEvent input) =>
        (await processor.HandleAsync(input, CancellationToken.None)).ToString();
}
