using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Stripe;

namespace Refunds.Stripe;

/// <summary>
/// Reconciliation's reads: one page of a connected account's refunds per request (<c>created</c> bounds, <c>limit</c>,
/// <c>starting_after</c>), so a page that fails is retried alone, and every request takes its slot from the same
/// per-account rate limiter as refunds do.
/// </summary>
public sealed partial class StripeRefundsClient : IStripeRefundListing
{
    public async Task<StripeRefundPage> ListRefundsAsync(
        string connectedAccountId, DateTimeOffset from, DateTimeOffset to, string? startingAfter, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ListPageSize);
        var listOptions = new RefundListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime },
            Limit = pageSize,
            StartingAfter = startingAfter,
        };
        var requestOptions = new RequestOptions { StripeAccount = connectedAccountId };
        var page = await ReadAsync(
            connectedAccountId,
            $"list refunds created from {from:u} to {to:u}",
            token => stripe.V1.Refunds.ListAsync(listOptions, requestOptions, token),
            cancellationToken).ConfigureAwait(false);
        return new StripeRefundPage([.. page.Data.Select(r => ToFact(connectedAccountId, r))], page.HasMore);
    }

    public async Task<StripeRefundFact?> FindRefundByIdAsync(string connectedAccountId, string stripeRefundId, CancellationToken cancellationToken)
    {
        var requestOptions = new RequestOptions { StripeAccount = connectedAccountId };
        try
        {
            var refund = await CallAsync(
                connectedAccountId,
                $"get refund {stripeRefundId}",
                token => stripe.V1.Refunds.GetAsync(stripeRefundId, options: null, requestOptions, token),
                cancellationToken).ConfigureAwait(false);
            return ToFact(connectedAccountId, refund);
        }
        catch (StripeException exception) when (exception.StripeError?.Code == "resource_missing")
        {
            return null;
        }
        catch (StripeException exception) when (StripeErrors.IsRejection(exception))
        {
            throw new InvalidOperationException($"Stripe refused to get refund {stripeRefundId}: {StripeErrors.Describe(exception)}", exception);
        }
    }

    private static StripeRefundFact ToFact(string connectedAccountId, Refund refund) =>
        new(
            refund.Id,
            connectedAccountId,
            refund.PaymentIntentId,
            new Money(refund.Amount, refund.Currency),
            StripeRefundMapping.ToStatus(refund.Status),
            new DateTimeOffset(DateTime.SpecifyKind(refund.Created, DateTimeKind.Utc)),
            refund.Metadata is { } metadata && metadata.TryGetValue(StripeRefundMapping.RefundIdMetadataKey, out var ours) ? ours : null,
            refund.FailureReason);
}
