using Refunds.Domain.Reconciliation;

namespace Refunds.Application.Ports;

/// <summary>
/// Stripe's own record of a connected account's refunds, read for reconciliation. Transient trouble throws
/// <see cref="StripeUnavailableException"/> after the adapter's retries, as for <see cref="IStripeRefunds"/>.
/// </summary>
public interface IStripeRefundListing
{
    /// <summary>
    /// One page of the account's refunds created in [<paramref name="from"/>, <paramref name="to"/>), newest first,
    /// continuing after <paramref name="startingAfter"/> (the last refund of the previous page; null for the first page).
    /// </summary>
    Task<StripeRefundPage> ListRefundsAsync(
        string connectedAccountId, DateTimeOffset from, DateTimeOffset to, string? startingAfter, int pageSize, CancellationToken cancellationToken);

    /// <summary>The refund, or null when Stripe does not know it on that account.</summary>
    Task<StripeRefundFact?> FindRefundByIdAsync(string connectedAccountId, string stripeRefundId, CancellationToken cancellationToken);
}

public sealed record StripeRefundPage(IReadOnlyList<StripeRefundFact> Refunds, bool HasMore);
