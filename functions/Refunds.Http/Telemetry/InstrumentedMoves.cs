using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Http.Telemetry;

/// <summary>
/// One span per activity step: <c>refund.intacct_reversal</c> for the Intacct reversal, <c>refund.step</c> (tagged with
/// the step) for the others, the names dashboards used before the move to Durable.
/// </summary>
public sealed class InstrumentedMoves(RefundsInstrumentation instrumentation) : IMoveTelemetry
{
    public IMoveRun Start(string organizationId, string refundId, RefundStep step) =>
        new Run(step == RefundStep.ReverseInIntacct
            ? instrumentation.StartStep("refund.intacct_reversal", organizationId, refundId, step.ToString())
            : instrumentation.StartStep("refund.step", organizationId, refundId, step.ToString()));

    private sealed class Run(RefundsInstrumentation.StepRun inner) : IMoveRun
    {
        public string Outcome
        {
            set => inner.Outcome = value;
        }

        public void Dispose() => inner.Dispose();
    }
}
