using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>
/// What a Stripe refund (from a create, a poll, a lookup or a webhook) means for the record: the pure decision, fed
/// with the connected account's balance when Stripe holds the refund for insufficient funds.
/// </summary>
public sealed class StripeRefundAnswers(IStripeRefunds stripe, IOptions<WorkflowOptions> options)
{
    public async Task<Transition> ApplyAsync(RefundWorkflow workflow, Payment payment, StripeRefundSnapshot refund, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(refund);
        return workflow.OnStripeRefund(refund, payment, now, options.Value.Polling, await BalanceIfHeldAsync(workflow, refund, cancellationToken));
    }

    /// <summary>The balance shown beside a refund Stripe holds for insufficient funds; null for any other refund.</summary>
    public async Task<AccountBalance?> BalanceIfHeldAsync(RefundWorkflow workflow, StripeRefundSnapshot refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(refund);
        return refund.Status == StripeRefundStatus.Pending && refund.PendingReason == RefundWorkflow.InsufficientFundsReason
            ? await BalanceAsync(workflow, cancellationToken)
            : null;
    }

    public async Task<AccountBalance> BalanceAsync(RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var balance = await stripe.GetBalanceAsync(workflow.ConnectedAccountId, workflow.Amount.Currency, cancellationToken);
        return new AccountBalance(balance.Available, balance.Pending);
    }

    /// <summary>Our refund at Stripe, found by <c>metadata.refund_id</c>: the answer to a create whose reply was lost.</summary>
    public Task<StripeRefundSnapshot?> FindOursAsync(RefundWorkflow workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return stripe.FindRefundAsync(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, cancellationToken);
    }
}
