using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>
/// Creates the Stripe refund on the connected account, with the idempotency key derived from the refund id (a new key
/// only after Stripe refused for insufficient balance, when it first looks for ours by metadata).
/// </summary>
public sealed class CreateStripeRefundActivity(
    RefundRecords records,
    IStripeRefunds stripe,
    StripeRefundAnswers answers,
    CrashPoints crashPoints,
    IOptions<WorkflowOptions> options) : TaskActivity<RefundInstance, RefundProgress>
{
    public override Task<RefundProgress> RunAsync(TaskActivityContext context, RefundInstance input) =>
        records.AdvanceAsync(input, RefundStep.CreateStripeRefund, w => w.Stage == RefundStage.ReadyToCreate, CreateAsync);

    private async Task<RecordChange> CreateAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;

        // Past Stripe's idempotency window, or under a fresh key after a refused attempt, a create could refund twice.
        if ((workflow.CreateAttempt > 0 || now - workflow.CreatedAt > options.Value.IdempotencyKeyTrust)
            && await answers.FindOursAsync(workflow, cancellationToken) is { } existing)
        {
            return RecordChange.Of(await answers.ApplyAsync(workflow, payment.Value, existing, now, cancellationToken), stored, payment);
        }

        var outcome = await stripe.CreateRefundAsync(
            new CreateStripeRefund(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, workflow.StripeIdempotencyKey, workflow.Reason),
            cancellationToken);
        crashPoints.Hit(CrashPoints.AfterStripeRefundCreated, workflow.RefundId);

        switch (outcome)
        {
            case CreateRefundOutcome.Created created:
                return RecordChange.Of(await answers.ApplyAsync(workflow, payment.Value, created.Refund, now, cancellationToken), stored, payment);

            case CreateRefundOutcome.InsufficientBalance insufficient:
                var balance = await answers.BalanceAsync(workflow, cancellationToken);
                var waiting = workflow.OnInsufficientBalance(
                    insufficient.Message, balance, now, now + options.Value.BalanceCheckInterval, now + options.Value.InsufficientFundsGiveUpAfter);
                return RecordChange.Of(waiting, stored);

            case CreateRefundOutcome.Rejected { Code: "charge_already_refunded" }
                when await answers.FindOursAsync(workflow, cancellationToken) is { } ours:
                return RecordChange.Of(await answers.ApplyAsync(workflow, payment.Value, ours, now, cancellationToken), stored, payment);

            case CreateRefundOutcome.Rejected rejected:
                var failed = workflow.OnPermanentError(
                    new DomainError(rejected.Code ?? "stripe_rejected", $"Stripe refused the refund ({rejected.Code ?? "no code"}): {rejected.Message}"),
                    payment.Value,
                    now);
                return RecordChange.Of(failed, stored, payment);

            default:
                throw new InvalidOperationException($"Unexpected Stripe outcome {outcome.GetType().Name}.");
        }
    }
}
