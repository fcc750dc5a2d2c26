using System.Text.Json;
using Refunds.Application.StripeEvents;
using Refunds.Storage.Queues;

namespace Refunds.Api.Hosting;

/// <summary>
/// The queue-triggered "StripeEvent" function, shared by the Functions host path and the standalone listener.
/// Returning normally acknowledges the message; throwing makes the queue deliver it again.
/// </summary>
public sealed class StripeEventMessageHandler(StripeEventProcessor processor, ILogger<StripeEventMessageHandler> logger)
{
    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        Refunds.Application.Ports.StripeEvent stripeEvent;
        try
        {
            stripeEvent = StripeEventJson.Parse(body);
        }
        catch (JsonException ex)
        {
            // Only the webhook writes this queue, after verifying the event; retrying cannot fix a malformed message.
            logger.LogError(ex, "Dropped a malformed Stripe event message");
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["StripeEventId"] = stripeEvent.Id, ["StripeEventType"] = stripeEvent.Type });
        await processor.HandleAsync(stripeEvent, cancellationToken);
    }
}
