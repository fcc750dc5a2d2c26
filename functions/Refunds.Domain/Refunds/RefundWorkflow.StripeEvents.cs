using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>Stripe's refund events, which arrive repeated and in any order: applied only when they move the refund forward.</summary>
public sealed partial record RefundWorkflow
{
    /// <summary>
    /// The refund as a <c>refund.*</c> event shows it, or null when that tells nothing new: the workflow is past
    /// the Stripe steps, the event is about another refund, or it repeats (or predates) what we already know.
    /// </summary>
    public Transition? OnRefundEvent(StripeRefundSnapshot refund, Payment payment, DateTimeOffset now, PollingPolicy polling, AccountBalance? balance = null)
    {
        ArgumentNullException.ThrowIfNull(refund);
        if (IsTerminal || Step is not (RefundStep.CreateStripeRefund or RefundStep.AwaitStripeRefund))
        {
            return null;
        }

        if (StripeRefundId is { } known && !string.Equals(known, refund.Id, StringComparison.Ordinal))
        {
            return null;
        }

        if (StripeRefundStatus is { } current && Rank(refund.Status) <= Rank(current))
        {
            return null;
        }

        return OnStripeRefund(refund, payment, now, polling, balance);
    }

    /// <summary>Refund statuses only move from not final to final; among the not-final ones any order is possible.</summary>
    private static int Rank(StripeRefundStatus status) => status switch
    {
        Refunds.StripeRefundStatus.Pending or Refunds.StripeRefundStatus.RequiresAction => 0,
        _ => 1,
    };
}
