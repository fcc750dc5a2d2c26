using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>What each step does outside storage, and which transition it leads to.</summary>
public sealed class RefundSteps(
    ILedgerStore ledger,
    IStripeRefunds stripe,
    CrashPoints crashPoints,
    IOptions<WorkflowOptions> options)
{
    public async Task<StepDecision> DecideAsync(Versioned<RefundWorkflow> stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var payment = await ledger.GetPaymentAsync(workflow.OrganizationId, workflow.PaymentId, cancellationToken)
            ?? throw new InvalidOperationException($"Payment {workflow.PaymentId} of refund {workflow.RefundId} is missing.");

        var decision = workflow.Step switch
        {
            RefundStep.CreateStripeRefund => await CreateStripeRefundAsync(stored, payment, now, cancellationToken),
            RefundStep.AwaitStripeRefund => await PollStripeRefundAsync(stored, payment, now, cancellationToken),
            RefundStep.ReopenInvoices => await RecordRefundAsync(stored, payment, now, cancellationToken),
            _ => throw new InvalidOperationException($"Refund {workflow.RefundId} has no step to run at {workflow.Step}."),
        };
        var release = await ReservationRelease.WritesAsync(ledger, workflow, decision.Transition.Workflow, cancellationToken);
        return release.Count == 0 ? decision : decision with { Writes = [.. decision.Writes, .. release] };
    }

    private async Task<StepDecision> CreateStripeRefundAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;

        // A waiting refund never calls Stripe from here: it first commits its move out of Waiting, which a cancel
        // (only allowed while Waiting, under the same ETag) can no longer overtake; the next message creates.
        if (workflow.IsWaitingForFunds)
        {
            // Instances saved before FundsWait existed have no balance to compare: they simply resume.
            var (stillWaiting, balance) = workflow.FundsWait is null
                ? (null, null)
                : await CheckFundsAsync(stored, payment, now, cancellationToken);
            if (stillWaiting is not null)
            {
                return stillWaiting;
            }

            var resumed = workflow.ResumeCreate(balance, now);
            return new StepDecision(resumed, TransitionWrites.For(resumed, stored.ETag));
        }

        // Past Stripe's idempotency window, or under a fresh key after a refused attempt, a create could
        // refund twice: look for ours first.
        if ((workflow.CreateAttempt > 0 || now - workflow.CreatedAt > options.Value.IdempotencyKeyTrust)
            && await FindOursAsync(workflow, cancellationToken) is { } existing)
        {
            return await OnRefundAsync(stored, payment, existing, now, cancellationToken);
        }

        var outcome = await stripe.CreateRefundAsync(
            new CreateStripeRefund(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, workflow.StripeIdempotencyKey, workflow.Reason),
            cancellationToken);
        crashPoints.Hit(CrashPoints.AfterStripeRefundCreated, workflow.RefundId);

        switch (outcome)
        {
            case CreateRefundOutcome.Created created:
                return await OnRefundAsync(stored, payment, created.Refund, now, cancellationToken);

            case CreateRefundOutcome.InsufficientBalance insufficient:
                var balance = await BalanceAsync(workflow, cancellationToken);
                var waiting = workflow.OnInsufficientBalance(
                    insufficient.Message, balance, now, now + options.Value.BalanceCheckInterval, now + options.Value.InsufficientFundsGiveUpAfter);
                return new StepDecision(waiting, TransitionWrites.For(waiting, stored.ETag));

            case CreateRefundOutcome.Rejected { Code: "charge_already_refunded" }
                when await FindOursAsync(workflow, cancellationToken) is { } ours:
                return await OnRefundAsync(stored, payment, ours, now, cancellationToken);

            case CreateRefundOutcome.Rejected rejected:
                var failed = workflow.OnPermanentError(
                    new DomainError(rejected.Code ?? "stripe_rejected", $"Stripe refused the refund ({rejected.Code ?? "no code"}): {rejected.Message}"),
                    payment.Value,
                    now);
                return new StepDecision(failed, TransitionWrites.For(failed, stored.ETag, payment));

            default:
                throw new InvalidOperationException($"Unexpected Stripe outcome {outcome.GetType().Name}.");
        }
    }

    private async Task<StepDecision> PollStripeRefundAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var refund = await stripe.GetRefundAsync(
            workflow.ConnectedAccountId,
            workflow.StripeRefundId ?? throw new InvalidOperationException($"Refund {workflow.RefundId} awaits a Stripe refund it never recorded."),
            cancellationToken);
        return await OnRefundAsync(stored, payment, refund, now, cancellationToken);
    }

    private async Task<StepDecision> RecordRefundAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var invoices = new List<Versioned<Invoice>>();
        Versioned<CreditMemo>? memo = null;
        if (workflow.LinkedCreditMemoId is { } memoId)
        {
            // Linked to a credit memo: the invoices stay as they are, so they are not even read.
            memo = await ledger.GetCreditMemoAsync(workflow.OrganizationId, memoId, cancellationToken);
        }
        else
        {
            foreach (var invoiceId in payment.Value.Allocations.Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal))
            {
                if (await ledger.GetInvoiceAsync(workflow.OrganizationId, invoiceId, cancellationToken) is { } invoice)
                {
                    invoices.Add(invoice);
                }
            }
        }

        // Stripe has refunded: whatever is missing here is reported on the refund, never a reason to fail it.
        var transition = workflow.RecordRefund(payment.Value, invoices.Select(i => i.Value).ToList(), memo?.Value, now);
        return new StepDecision(transition, TransitionWrites.For(transition, stored.ETag, payment, invoices, memo));
    }

    private async Task<StepDecision> OnRefundAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, StripeRefundSnapshot refund, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var balance = await BalanceIfHeldAsync(stored.Value, refund, cancellationToken);
        var transition = stored.Value.OnStripeRefund(refund, payment.Value, now, options.Value.Polling, balance);
        return new StepDecision(transition, TransitionWrites.For(transition, stored.ETag, payment));
    }

    /// <summary>
    /// The periodic (or balance.available-triggered) check of a refund Stripe refused for insufficient balance:
    /// no decision (and the balance read) when the balance now covers it, else the decision to keep waiting or give up.
    /// </summary>
    private async Task<(StepDecision? StillWaiting, AccountBalance? Balance)> CheckFundsAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        if (workflow.FundsWait?.GiveUpAt is { } giveUpAt && now >= giveUpAt)
        {
            // Every create so far was refused, but a lost answer could hide one that went through.
            if (await FindOursAsync(workflow, cancellationToken) is { } existing)
            {
                return (await OnRefundAsync(stored, payment, existing, now, cancellationToken), null);
            }

            var gaveUp = workflow.GiveUpWaitingForFunds(payment.Value, now);
            return (new StepDecision(gaveUp, TransitionWrites.For(gaveUp, stored.ETag, payment)), null);
        }

        var balance = await BalanceAsync(workflow, cancellationToken);
        if (balance.Available.MinorUnits >= workflow.Amount.MinorUnits)
        {
            return (null, balance);
        }

        var waiting = workflow.OnFundsStillShort(balance, now, now + options.Value.BalanceCheckInterval);
        return (new StepDecision(waiting, TransitionWrites.For(waiting, stored.ETag)), null);
    }

    /// <summary>The balance shown beside a refund Stripe holds for insufficient funds; null for any other refund.</summary>
    internal async Task<AccountBalance?> BalanceIfHeldAsync(RefundWorkflow workflow, StripeRefundSnapshot refund, CancellationToken cancellationToken) =>
        refund.Status == StripeRefundStatus.Pending && refund.PendingReason == RefundWorkflow.InsufficientFundsReason
            ? await BalanceAsync(workflow, cancellationToken)
            : null;

    private async Task<AccountBalance> BalanceAsync(RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        var balance = await stripe.GetBalanceAsync(workflow.ConnectedAccountId, workflow.Amount.Currency, cancellationToken);
        return new AccountBalance(balance.Available, balance.Pending);
    }

    private Task<StripeRefundSnapshot?> FindOursAsync(RefundWorkflow workflow, CancellationToken cancellationToken) =>
        stripe.FindRefundAsync(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, cancellationToken);
}
