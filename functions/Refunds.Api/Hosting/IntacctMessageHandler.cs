using Refunds.Application.Intacct;
using Refunds.Application.Ports;
using Refunds.Api.Telemetry;

namespace Refunds.Api.Hosting;

/// <summary>The queue-triggered "IntacctReversal" function; throwing makes the queue deliver the message again.</summary>
public sealed class IntacctMessageHandler(IntacctReversalRunner runner, RefundsInstrumentation instrumentation, ILogger<IntacctMessageHandler> logger)
{
    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        if (WorkflowMessages.Read<IntacctReversalMessage>(body, m => (m.OrganizationId, m.RefundId), logger) is not { } message)
        {
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
