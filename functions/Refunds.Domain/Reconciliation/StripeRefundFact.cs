using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Domain.Reconciliation;

/// <summary>A refund as Stripe lists it on a connected account, free of the SDK.</summary>
/// <param name="OurRefundId">Its <c>metadata.refund_id</c>: set on refunds this service created, absent on the Dashboard's.</param>
public sealed record StripeRefundFact(
    string Id,
    string ConnectedAccountId,
    string? PaymentIntentId,
    Money Amount,
    StripeRefundStatus Status,
    DateTimeOffset Created,
    string? OurRefundId = null,
    string? FailureReason = null)
{
    public bool MovedMoney => Status == StripeRefundStatus.Succeeded;

    public bool Undone => Status is StripeRefundStatus.Failed or StripeRefundStatus.Canceled;

    public string StatusText => Status switch
    {
        StripeRefundStatus.RequiresAction => "requires_action",
        _ => Status.ToString().ToLowerInvariant(),
    };
}
