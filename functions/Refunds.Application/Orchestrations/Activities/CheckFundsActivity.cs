using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>
/// The periodic (or balance.available-triggered) look at a refund Stripe refused for insufficient balance: resume
/// creating once the balance covers it, else keep waiting, or give up at the deadline. Resuming is committed before
/// anything reaches Stripe: a cancel (only allowed while waiting, under the same ETag) can then no longer overtake it.
/// </summary>
public sealed class CheckFundsActivity(RefundRecords records, StripeRefundAnswers answers, IOptions<WorkflowOptions> options)
    : TaskActivity<RefundInstance, RefundProgress>
{
    public override Task<RefundProgress> RunAsync(TaskActivityContext context, RefundInstance input) =>
        records.AdvanceAsync(input, RefundStep.CreateStripeRefund, w => w.Stage == RefundStage.WaitingForFunds, CheckAsync);

    private async Task<RecordChange> CheckAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;

        // Records saved before balances were recorded have no balance to compare: they simply resume.
        if (workflow.FundsWait is null)
        {
            return RecordChange.Of(workflow.ResumeCreate(null, now), stored);
        }

        if (workflow.FundsWait.GiveUpAt is { } giveUpAt && now >= giveUpAt)
        {
            // Every create so far was refused, but a lost answer could hide one that went through.
            return await answers.FindOursAsync(workflow, cancellationToken) is { } existing
                ? RecordChange.Of(await answers.ApplyAsync(workflow, payment.Value, existing, now, cancellationToken), stored, payment)
                : RecordChange.Of(workflow.GiveUpWaitingForFunds(payment.Value, now), stored, payment);
        }

        var balance = await answers.BalanceAsync(workflow, cancellationToken);
        return balance.Available.MinorUnits >= workflow.Amount.MinorUnits
            ? RecordChange.Of(workflow.ResumeCreate(balance, now), stored)
            : RecordChange.Of(workflow.OnFundsStillShort(balance, now, now + options.Value.BalanceCheckInterval), stored);
    }
}
