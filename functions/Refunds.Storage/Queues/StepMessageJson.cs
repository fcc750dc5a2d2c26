using System.Text.Json;
using System.Text.Json.Serialization;
using Refunds.Application.Ports;

namespace Refunds.Storage.Queues;

/// <summary>
/// The text of a step message: <c>{"organizationId":"…","refundId":"…","sequence":3}</c>. Whoever consumes the
/// step queue (the Functions host's trigger or <see cref="QueueListener"/>) decodes it with <see cref="Parse"/>.
/// </summary>
public static class StepMessageJson
{
    public static string Serialize(StepMessage message) =>
        JsonSerializer.Serialize(message, StepMessageJsonContext.Default.StepMessage);

    /// <summary>Throws <see cref="JsonException"/> for text that is not a step message; redelivery then leads it to the poison queue.</summary>
    public static StepMessage Parse(string text)
    {
        var message = JsonSerializer.Deserialize(text, StepMessageJsonContext.Default.StepMessage)
            ?? throw new JsonException("A step message must be a JSON object, not null.");
        if (string.IsNullOrEmpty(message.OrganizationId) || string.IsNullOrEmpty(message.RefundId))
        {
            throw new JsonException("A step message needs organizationId and refundId.");
        }

        return message;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StepMessage))]
internal sealed partial class StepMessageJsonContext : JsonSerializerContext;
