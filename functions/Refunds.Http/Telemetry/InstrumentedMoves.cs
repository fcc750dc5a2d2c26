using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Http.Telemetry;

/// <summary>
/// One span per activity move: <c>refund.intacct_reversal</c> for the Intacct reversal, <c>refund.step</c> (tagged with
/// the step) for the others, the names dashboards used before the move to Durable.
/// </summary>
public sealed class InstrumentedMoves(RefundsInstrumentation instrumentation) : IMoveTelemetry
{
    public IMoveRun Start(string organizationId, string refundId, WorkflowMove move) =>
        new Run(move == WorkflowMove.ReverseInIntacct
            ? instrumentation.StartStep("refund.intacct_reversal", organizationId, refundId, RefundStep.ReverseInIntacct.ToString())
            : instrumentation.StartStep("refund.step", organizationId, refundId, StepOf(move)));

    private static string StepOf(WorkflowMove move) => move switch
    {
        WorkflowMove.CreateStripeRefund or WorkflowMove.CheckFunds => RefundStep.CreateStripeRefund.ToString(),
        WorkflowMove.PollStripeRefund => RefundStep.AwaitStripeRefund.ToString(),
        WorkflowMove.ReopenInvoices => RefundStep.ReopenInvoices.ToString(),
        _ => move.ToString(),
    };

    private sealed class Run(RefundsInstrumentation.StepRun inner) : IMoveRun
    {
        public string Outcome
        {
            set => inner.Outcome = value;
        }

        public void Dispose() => inner.Dispose();
    }
}
