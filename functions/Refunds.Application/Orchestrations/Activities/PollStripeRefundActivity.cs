using Microsoft.DurableTask;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>Reads the Stripe refund when no webhook has settled it in time: the fallback behind refund.updated.</summary>
public sealed class PollStripeRefundActivity(RefundRecords records, IStripeRefunds stripe, StripeRefundAnswers answers)
    : TaskActivity<RefundInstance, RefundProgress>
{
    public override Task<RefundProgress> RunAsync(TaskActivityContext context, RefundInstance input) =>
        records.AdvanceAsync(input, RefundStep.AwaitStripeRefund, w => w.Stage == RefundStage.PendingAtStripe, PollAsync);

    private async Task<RecordChange> PollAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var refund = await stripe.GetRefundAsync(
            workflow.ConnectedAccountId,
            workflow.StripeRefundId ?? throw new InvalidOperationException($"Refund {workflow.RefundId} awaits a Stripe refund it never recorded."),
            cancellationToken);
        return RecordChange.Of(await answers.ApplyAsync(workflow, payment.Value, refund, now, cancellationToken), stored, payment);
    }
}
