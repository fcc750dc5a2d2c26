using System.Text.Json;
using System.Text.Json.Serialization;
using Refunds.Application.Ports;

namespace Refunds.Storage.Queues;

/// <summary>The text of a stripe-events message: the verified event as <see cref="StripeEvent"/> JSON.</summary>
public static class StripeEventJson
{
    public static string Serialize(StripeEvent stripeEvent) =>
        JsonSerializer.Serialize(stripeEvent, StripeEventJsonContext.Default.StripeEvent);

    /// <summary>Throws <see cref="JsonException"/> for text that is not a Stripe event message.</summary>
    public static StripeEvent Parse(string text)
    {
        var stripeEvent = JsonSerializer.Deserialize(text, StripeEventJsonContext.Default.StripeEvent)
            ?? throw new JsonException("A Stripe event message must be a JSON object, not null.");
        if (string.IsNullOrEmpty(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type))
        {
            throw new JsonException("A Stripe event message needs id and type.");
        }

        return stripeEvent;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StripeEvent))]
internal sealed partial class StripeEventJsonContext : JsonSerializerContext;
