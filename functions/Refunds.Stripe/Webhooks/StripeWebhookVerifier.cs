using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Stripe;

namespace Refunds.Stripe.Webhooks;

/// <summary>
/// <c>EventUtility.ConstructEvent</c> against each configured secret, with our clock, then the event reduced to
/// <see cref="StripeEvent"/>. The API version is not enforced: an endpoint pinned to another version must still be
/// verified, and we read only fields that every recent version carries.
/// </summary>
internal sealed class StripeWebhookVerifier(IOptions<StripeOptions> options, TimeProvider time) : IStripeWebhookVerifier
{
    public WebhookVerification Verify(string body, string? signatureHeader)
    {
        var settings = options.Value;
        var secrets = settings.WebhookSecrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (secrets.Count == 0)
        {
            return new WebhookVerification.NotConfigured();
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new WebhookVerification.Rejected("The Stripe-Signature header is missing.");
        }

        var tolerance = (long)settings.WebhookTolerance.TotalSeconds;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        string? failure = null;
        foreach (var secret in secrets)
        {
            try
            {
                EventUtility.ValidateSignature(body, signatureHeader, secret, tolerance, now);
                return Parse(body);
            }
            catch (StripeException exception)
            {
                // Wrong secret, stale timestamp or a forged signature; the next secret may still match.
                failure = exception.Message;
            }
        }

        return new WebhookVerification.Rejected(failure ?? "The signature does not match.");
    }

    /// <summary>
    /// Only a signed body gets here. Its shape is checked before the SDK reads it, so no parser message (which would
    /// quote the body) ever reaches a log, and a non-object is refused instead of crashing the request.
    /// </summary>
    private static WebhookVerification Parse(string body)
    {
        if (!IsJsonObject(body))
        {
            return new WebhookVerification.Malformed("The body is not a JSON object.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(body, throwOnApiVersionMismatch: false);
        }
        catch (Exception)
        {
            // Not only JsonException: the SDK's converters throw cast and format errors on odd shapes, and a
            // signed body the SDK cannot read is the sender's problem whatever the parser's complaint.
            return new WebhookVerification.Malformed("The body is not a Stripe event.");
        }

        return stripeEvent is null ? new WebhookVerification.Malformed("The body is not a Stripe event.") : Read(stripeEvent);
    }

    private static bool IsJsonObject(string body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static WebhookVerification Read(Event stripeEvent)
    {
        if (!Ids.IsValid(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type))
        {
            return new WebhookVerification.Malformed("The event has no usable id or type.");
        }

        var created = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var account = string.IsNullOrEmpty(stripeEvent.Account) ? null : stripeEvent.Account;
        var verified = new StripeEvent(stripeEvent.Id, stripeEvent.Type, account, created);
        return new WebhookVerification.Verified(stripeEvent.Data?.Object switch
        {
            Refund refund when IsKnownStatus(refund.Status) => verified with
            {
                PaymentIntentId = refund.PaymentIntentId,
                OurRefundId = refund.Metadata?.GetValueOrDefault(StripeRefundMapping.RefundIdMetadataKey),
                Refund = StripeRefundMapping.ToSnapshot(refund),
            },
            Dispute dispute => verified with
            {
                PaymentIntentId = dispute.PaymentIntentId,
                DisputeId = dispute.Id,
                DisputeReason = dispute.Reason,
            },
            _ => verified,
        });
    }

    /// <summary>A refund status from a newer API is recorded but not acted on; polling still sees the refund.</summary>
    private static bool IsKnownStatus(string? status) =>
        status is "pending" or "requires_action" or "succeeded" or "failed" or "canceled";
}
