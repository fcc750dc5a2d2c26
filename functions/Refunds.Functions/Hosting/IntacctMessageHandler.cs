using System.Text.Json;
using Refunds.Application.Intacct;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Functions.Telemetry;

namespace Refunds.Functions.Hosting;

/// <summary>The queue-triggered "IntacctReversal" function; throwing makes the queue deliver the message again.</summary>
public sealed class IntacctMessageHandler(IntacctReversalRunner runner, RefundsInstrumentation instrumentation, ILogger<IntacctMessageHandler> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        IntacctReversalMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<IntacctReversalMessage>(body, Json);
        }
        catch (JsonException ex)
        {
            // Retrying cannot fix a malformed message; the sweeper re-queues any reversal still pending.
            logger.LogError(ex, "Dropped a malformed Intacct reversal message");
            return;
        }

        if (message is null || !Ids.IsValid(message.OrganizationId) || !Ids.IsValid(message.RefundId))
        {
            logger.LogError("Dropped an Intacct reversal message without valid ids");
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["RefundId"] = message.RefundId,
            ["OrganizationId"] = message.OrganizationId,
            ["Step"] = "ReverseInIntacct",
        });
        using var run = instrumentation.StartStep("refund.intacct_reversal", message.OrganizationId, message.RefundId, "ReverseInIntacct");
        run.Outcome = (await runner.RunAsync(message, cancellationToken)).ToString();
    }
}
