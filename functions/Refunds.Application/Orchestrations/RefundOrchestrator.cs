using Microsoft.DurableTask;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// An admin's full refund of a succeeded online payment, as the business tells it. Every decision is a pure function
/// of the ledger record (the arbiter, which the HTTP actions also change under ETags); every side effect is one
/// activity that returns where the record stands; an execution continues as new every ten waits, so the history of a
/// waiting instance stays short (see docs/ARCHITECTURE.md, "Continue-as-new every ten waits").
/// Instance id = refund id. Output: how the refund ended (Completed, Failed, Canceled).
/// </summary>
public sealed class RefundOrchestrator : TaskOrchestrator<RefundRun, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, RefundRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var story = new Story(context, input);
        var progress = input.Progress ?? RefundProgress.NotStarted;

        // 1. Refund through Stripe on the merchant's connected account, until Stripe's part is over.
        while (!progress.IsDoneAtStripe)
        {
            if (story.ShouldRestartBefore(progress))
            {
                return story.ContinueAsNew(progress);
            }

            var step = progress.Stage switch
            {
                // Create the Stripe refund: idempotency key from the refund id; after a refusal, or days later,
                // it first looks for ours by metadata so that nothing is refunded twice.
                RefundStage.ReadyToCreate => nameof(CreateStripeRefundActivity),

                // The merchant's Stripe balance is short: wait for balance.available, the admin's retry or cancel,
                // or the 6-hourly re-check, which resumes when the balance covers the refund and gives up at the deadline.
                RefundStage.WaitingForFunds => nameof(CheckFundsActivity),

                // Stripe holds the refund as pending: wait for its refund.updated / refund.failed webhook, else poll
                // it with a growing back-off.
                _ => nameof(PollStripeRefundActivity),
            };
            progress = await story.StepAsync(step, progress);
        }

        // 2. Failed at Stripe, gave up waiting, or canceled: the commit that said so gave the payment (and any
        //    credit-memo hold) back, so nothing is left to do.
        if (progress.Stage is RefundStage.Failed or RefundStage.Canceled || progress.Stage is null)
        {
            return story.End(progress);
        }

        // 3. Stripe refunded: record it where the organization wants it, on the payment (its invoices reopen and go
        //    back to collections unless disputed) or on the credit memo of the invoice it paid (invoices stay settled).
        while (progress.Stage == RefundStage.ReadyToRecord)
        {
            if (story.ShouldRestartBefore(progress))
            {
                return story.ContinueAsNew(progress);
            }

            progress = await story.StepAsync(nameof(RecordRefundActivity), progress);
        }

        // 4. Reverse the original AR payment in Sage Intacct, only for payments exported there.
        return await IntacctReversal.RunAsync(story, progress);
    }
}
