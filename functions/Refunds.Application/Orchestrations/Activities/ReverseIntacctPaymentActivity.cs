using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>
/// Reverses the original AR payment in Sage Intacct for a settled record whose reversal is pending. A re-run, or a crash
/// after Intacct answered, is safe: the same control id goes again, and Intacct (uniqueid=true) answers it as a
/// duplicate that the adapter confirms by reading the payment.
/// </summary>
public sealed class ReverseIntacctPaymentActivity(
    RefundRecords records,
    IIntacctReversals intacct,
    CrashPoints crashPoints,
    IOptions<WorkflowOptions> options) : TaskActivity<RefundInstance, RefundProgress>
{
    public override Task<RefundProgress> RunAsync(TaskActivityContext context, RefundInstance input) =>
        records.AdvanceAsync(input, RefundStep.ReverseInIntacct, w => w.IntacctPending, ReverseAsync);

    private async Task<RecordChange> ReverseAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var plan = workflow.PlanIntacctReversal(payment.Value);
        try
        {
            var outcome = await intacct.ReverseArPaymentAsync(
                new IntacctReversalRequest(workflow.OrganizationId, workflow.RefundId, plan.ArPaymentKey, plan.ControlId, plan.ReversalDate, plan.Description),
                cancellationToken);
            crashPoints.Hit(CrashPoints.AfterIntacctAnswered, workflow.RefundId);
            return RecordChange.Of(
                outcome switch
                {
                    IntacctReversalOutcome.Reversed reversed => workflow.OnIntacctReversed(reversed.WasDuplicate, now),
                    IntacctReversalOutcome.Failed failed => workflow.OnIntacctFailed(failed.ErrorNumber, failed.Description, now),
                    _ => throw new InvalidOperationException($"Unexpected Intacct outcome {outcome.GetType().Name}."),
                },
                stored);
        }
        catch (IntacctUnavailableException ex)
        {
            // Recorded for ops to see; the orchestration sleeps until the retry time it records.
            return RecordChange.Of(workflow.OnIntacctUnavailable(ex.Message, now, now + options.Value.TransientRetryDelay), stored);
        }
    }
}
