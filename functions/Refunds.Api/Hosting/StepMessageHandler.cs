using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Api.Telemetry;

namespace Refunds.Api.Hosting;

/// <summary>
/// The queue-triggered "RefundStep" function, shared by the Functions host path and the standalone listener.
/// Returning normally acknowledges the message; throwing makes the queue deliver it again.
/// </summary>
public sealed class StepMessageHandler(StepRunner runner, RefundsInstrumentation instrumentation, ILogger<StepMessageHandler> logger)
{
    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        if (WorkflowMessages.Read<StepMessage>(body, m => (m.OrganizationId, m.RefundId), logger) is not { } message)
        {
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
