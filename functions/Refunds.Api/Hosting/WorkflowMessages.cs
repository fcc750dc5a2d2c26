using System.Text.Json;
using Refunds.Domain.Common;

namespace Refunds.Api.Hosting;

/// <summary>
/// Reads a queue message that names a workflow. A message that cannot be read is dropped, not retried:
/// retrying cannot fix it, and the sweeper re-queues whatever the workflow still needs.
/// </summary>
internal static class WorkflowMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static T? Read<T>(string body, Func<T, (string OrganizationId, string RefundId)> ids, ILogger logger)
        where T : class
    {
        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "Dropped a malformed {MessageType}", typeof(T).Name);
            return null;
        }

        if (message is null || ids(message) is var (org, refund) && (!Ids.IsValid(org) || !Ids.IsValid(refund)))
        {
            logger.LogError("Dropped a {MessageType} without valid ids", typeof(T).Name);
            return null;
        }

        return message;
    }
}
