using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
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

        return workflow.Step switch
        {
            RefundStep.CreateStripeRefund => await CreateStripeRefundAsync(stored, payment, now, cancellationToken),
            RefundStep.AwaitStripeRefund => await PollStripeRefundAsync(stored, payment, now, cancellationToken),
            RefundStep.ReopenInvoices => await ReopenInvoicesAsync(stored, payment, now, cancellationToken),
            _ => throw new InvalidOperationException($"Refund {workflow.RefundId} has no step to run at {workflow.Step}."),
        };
    }

    private async Task<StepDecision> CreateStripeRefundAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;

        // Past Stripe's idempotency window, or under a fresh key after a refused attempt, a create could
        // refund twice: look for ours first.
        if ((workflow.CreateAttempt > 0 || now - workflow.CreatedAt > options.Value.IdempotencyKeyTrust)
            && await FindOursAsync(workflow, cancellationToken) is { } existing)
        {
            return OnRefund(stored, payment, existing, now);
        }

        var outcome = await stripe.CreateRefundAsync(
            new CreateStripeRefund(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, workflow.StripeIdempotencyKey, workflow.Reason),
            cancellationToken);
        crashPoints.Hit(CrashPoints.AfterStripeRefundCreated, workflow.RefundId);

        switch (outcome)
        {
            case CreateRefundOutcome.Created created:
                return OnRefund(stored, payment, created.Refund, now);

            case CreateRefundOutcome.InsufficientBalance insufficient:
                var waiting = workflow.OnInsufficientBalance(insufficient.Message, now, now + options.Value.PollMaxDelay);
                return new StepDecision(waiting, TransitionWrites.For(waiting, stored.ETag));

            case CreateRefundOutcome.Rejected { Code: "charge_already_refunded" }
                when await FindOursAsync(workflow, cancellationToken) is { } ours:
                return OnRefund(stored, payment, ours, now);

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
        return OnRefund(stored, payment, refund, now);
    }

    private async Task<StepDecision> ReopenInvoicesAsync(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflow = stored.Value;
        var invoices = new List<Versioned<Invoice>>();
        foreach (var invoiceId in payment.Value.Allocations.Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal))
        {
            if (await ledger.GetInvoiceAsync(workflow.OrganizationId, invoiceId, cancellationToken) is { } invoice)
            {
                invoices.Add(invoice);
            }
        }

        var result = workflow.ReopenInvoices(payment.Value, invoices.Select(i => i.Value).ToList(), now);
        var transition = result.IsSuccess ? result.Value : workflow.OnPermanentError(result.Error!, payment.Value, now);
        return new StepDecision(transition, TransitionWrites.For(transition, stored.ETag, payment, invoices));
    }

    private StepDecision OnRefund(Versioned<RefundWorkflow> stored, Versioned<Payment> payment, StripeRefundSnapshot refund, DateTimeOffset now)
    {
        var transition = stored.Value.OnStripeRefund(refund, payment.Value, now, options.Value.Polling);
        return new StepDecision(transition, TransitionWrites.For(transition, stored.ETag, payment));
    }

    private Task<StripeRefundSnapshot?> FindOursAsync(RefundWorkflow workflow, CancellationToken cancellationToken) =>
        stripe.FindRefundAsync(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, cancellationToken);
}
