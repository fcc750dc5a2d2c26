using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;

namespace Refunds.Http.Features.DurableManagement;

/// <summary>An instance as Durable Functions' HTTP API shows it (same property names), inputs and outputs as JSON.</summary>
public sealed record InstanceStatus(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? CustomStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public static InstanceStatus From(OrchestrationMetadata instance, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceStatus(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            showInput ? Json(instance.SerializedInput) : null,
            Json(instance.SerializedCustomStatus),
            Json(instance.SerializedOutput),
            instance.CreatedAt,
            instance.LastUpdatedAt);
    }

    /// <summary>Serialized values are JSON; anything else (a failure's "Type: message" output) is shown as a string.</summary>
    private static JsonNode? Json(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }
}

/// <summary>The answer of a purge, as Durable Functions' HTTP API words it.</summary>
public sealed record PurgeAnswer(int InstancesDeleted);
