using Microsoft.DurableTask.Client;
using System.Text;
using Refunds.Application.Ports;
using Refunds.Application.StripeEvents;
using Refunds.Http.Http;

namespace Refunds.Http.Features.StripeWebhooks;

/// <summary>
/// <c>POST /api/webhooks/stripe</c>: verify the signature on the raw body, record the event id once, start the
/// event's orchestration and answer at once; the orchestration applies it. Anonymous: the signature is the authentication.
/// </summary>
public static class StripeWebhookEndpoint
{
    /// <summary>The route template under the <c>/api</c> prefix, for the local host's Map and the function's HttpTrigger.</summary>
    public const string Route = "webhooks/stripe";

    /// <summary>Stripe's events are a few KB; anything far larger is not from Stripe.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost(Route, HandleAsync)
            .WithName("StripeWebhook")
            .AllowAnonymous();

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IStripeWebhookVerifier verifier,
        StripeWebhookIngest ingest,
        ILoggerFactory loggers,
        DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookEndpoint));
        // The signature covers the exact bytes Stripe sent: read them raw, never through a JSON model.
        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A webhook body may be at most {MaxBodyBytes} bytes.", "body_too_large");
        }

        var verification = verifier.Verify(body, context.Request.Headers["Stripe-Signature"].FirstOrDefault());
        switch (verification)
        {
            case WebhookVerification.NotConfigured:
                logger.LogError("A Stripe webhook arrived but no Stripe:WebhookSecrets are configured");
                return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Webhooks not configured", "This endpoint has no signing secret configured.", "webhook_not_configured");

            case WebhookVerification.Rejected rejected:
                logger.LogWarning("Rejected a Stripe webhook: {Reason}", rejected.Reason);
                return Problems.Status(StatusCodes.Status400BadRequest, "Invalid signature", "The Stripe-Signature header does not verify this body.", "invalid_signature");

            case WebhookVerification.Malformed malformed:
                logger.LogWarning("Refused a signed Stripe webhook that is not an event: {Reason}", malformed.Reason);
                return Problems.Status(StatusCodes.Status400BadRequest, "Invalid event", "The body is signed but is not a Stripe event object.", "invalid_event");

            case WebhookVerification.Verified verified:
                var outcome = await ingest.ReceiveAsync(durable, verified.Event, cancellationToken);
                return Results.Ok(new { received = true, duplicate = outcome != EventRecordOutcome.New });

            default:
                throw new InvalidOperationException($"Unhandled verification {verification.GetType().Name}.");
        }
    }

    /// <summary>The body as UTF-8 text, or null when it exceeds <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }
}
