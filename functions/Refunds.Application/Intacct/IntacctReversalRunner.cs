using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Intacct;

/// <summary>
/// Runs a pending Intacct reversal for its activity: plan it from the record and payment, ask Intacct, record the
/// outcome with the record's ETag. A re-run or a crash after Intacct answered is safe: the same control id is sent
/// again, and Intacct (uniqueid=true) answers it as a duplicate that the adapter confirms by reading.
/// </summary>
public sealed class IntacctReversalRunner(
    ILedgerStore ledger,
    IIntacctReversals intacct,
    CrashPoints crashPoints,
    IMoveTelemetry telemetry,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<IntacctReversalRunner> logger)
{
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    public async Task<RefundView> RunAsync(RefundInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["RefundId"] = instance.RefundId,
            ["OrganizationId"] = instance.OrganizationId,
            ["Step"] = RefundStep.ReverseInIntacct.ToString(),
        });
        using var run = telemetry.Start(instance.OrganizationId, instance.RefundId, WorkflowMove.ReverseInIntacct);
        var (view, outcome) = await ReverseAsync(instance, cancellationToken);
        run.Outcome = outcome;
        return view;
    }

    private async Task<(RefundView View, string Outcome)> ReverseAsync(RefundInstance message, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetWorkflowAsync(message.OrganizationId, message.RefundId, cancellationToken);
            if (stored is null)
            {
                return (RefundView.Missing(message), "unknown");
            }

            var workflow = stored.Value;
            var now = time.GetUtcNow();
            if (workflow.NextMove != Domain.Refunds.WorkflowMove.ReverseInIntacct || workflow.NextMoveDueAt > now + DueTolerance)
            {
                return (RefundView.Of(workflow), "stale");
            }

            var payment = await ledger.GetPaymentAsync(workflow.OrganizationId, workflow.PaymentId, cancellationToken)
                ?? throw new InvalidOperationException($"Payment {workflow.PaymentId} of refund {workflow.RefundId} is missing.");
            var plan = workflow.PlanIntacctReversal(payment.Value);
            Transition transition;
            try
            {
                var outcome = await intacct.ReverseArPaymentAsync(
                    new IntacctReversalRequest(workflow.OrganizationId, workflow.RefundId, plan.ArPaymentKey, plan.ControlId, plan.ReversalDate, plan.Description),
                    cancellationToken);
                crashPoints.Hit(CrashPoints.AfterIntacctAnswered, workflow.RefundId);
                transition = outcome switch
                {
                    IntacctReversalOutcome.Reversed reversed => workflow.OnIntacctReversed(reversed.WasDuplicate, now),
                    IntacctReversalOutcome.Failed failed => workflow.OnIntacctFailed(failed.ErrorNumber, failed.Description, now),
                    _ => throw new InvalidOperationException($"Unexpected Intacct outcome {outcome.GetType().Name}."),
                };
            }
            catch (IntacctUnavailableException ex)
            {
                var unavailable = workflow.OnIntacctUnavailable(ex.Message, now, now + options.Value.TransientRetryDelay);
                var recorded = await ledger.CommitAsync(workflow.OrganizationId, TransitionWrites.For(unavailable, stored.ETag), cancellationToken);
                logger.LogWarning("Intacct reversal of refund {RefundId} failed transiently ({Recorded}): {Error}", workflow.RefundId, recorded, ex.Message);
                throw;
            }

            if (await ledger.CommitAsync(workflow.OrganizationId, TransitionWrites.For(transition, stored.ETag), cancellationToken) == CommitOutcome.Conflict)
            {
                continue;
            }

            logger.LogInformation(
                "Intacct reversal of refund {RefundId} in {OrganizationId}: {IntacctStatus}",
                workflow.RefundId, workflow.OrganizationId, transition.Workflow.IntacctStatus);
            return (RefundView.Of(transition.Workflow), "advanced");
        }

        throw new WorkflowConflictException($"Refund {message.RefundId} kept changing under its Intacct reversal; the activity will be retried.");
    }
}
