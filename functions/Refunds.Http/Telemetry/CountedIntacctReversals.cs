using Refunds.Application.Ports;

namespace Refunds.Http.Telemetry;

/// <summary>Counts Intacct reversals by what Intacct answered; wraps whichever adapter is registered.</summary>
public sealed class CountedIntacctReversals(IIntacctReversals inner, RefundsInstrumentation instrumentation) : IIntacctReversals
{
    public async Task<IntacctReversalOutcome> ReverseArPaymentAsync(IntacctReversalRequest request, CancellationToken cancellationToken)
    {
        var outcome = "error";
        try
        {
            var result = await inner.ReverseArPaymentAsync(request, cancellationToken);
            outcome = result switch
            {
                IntacctReversalOutcome.Reversed { WasDuplicate: true } => "duplicate",
                IntacctReversalOutcome.Reversed => "reversed",
                IntacctReversalOutcome.Failed => "failed",
                _ => "unknown",
            };
            return result;
        }
        catch (IntacctUnavailableException)
        {
            outcome = "unavailable";
            throw;
        }
        finally
        {
            instrumentation.RecordIntacctReversal(outcome);
            System.Diagnostics.Activity.Current?.SetTag("intacct.outcome", outcome);
        }
    }
}
