using System.Text.Json;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Functions.Telemetry;

namespace Refunds.Functions.Hosting;

/// <summary>
/// The queue-triggered "RefundStep" function, shared by the Functions host path and the standalone listener.
/// Returning normally acknowledges the message; throwing makes the queue deliver it again.
/// </summary>
public sealed class StepMessageHandler(StepRunner runner, RefundsInstrumentation instrumentation, ILogger<StepMessageHandler> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        StepMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<StepMessage>(body, Json);
        }
        catch (JsonException ex)
        {
            // Retrying cannot fix a malformed message; dropping it loses nothing because the sweeper owns recovery.
            logger.LogError(ex, "Dropped a malformed step message");
            return;
        }

        if (message is null || !Ids.IsValid(message.OrganizationId) || !Ids.IsValid(message.RefundId))
        {
            logger.LogError("Dropped a step message without valid ids");
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["RefundId"] = message.RefundId,
            ["OrganizationId"] = message.OrganizationId,
            ["Sequence"] = message.Sequence,
        });
        using var run = instrumentation.StartStep("refund.step", message.OrganizationId, message.RefundId, "Unknown");
        var outcome = await runner.RunAsync(message, step => run.Step = step.ToString(), cancellationToken);
        run.Outcome = outcome.ToString();
        logger.LogDebug("Step message {Sequence} for {RefundId}: {Outcome}", message.Sequence, message.RefundId, outcome);
    }
}
