using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// Refunds of direct charges on a merchant's connected account. Transient trouble (5xx, 429, timeouts,
/// network errors, after the adapter's own retries) throws <see cref="StripeUnavailableException"/>;
/// everything Stripe decides is returned.
/// </summary>
public interface IStripeRefunds
{
    /// <summary>Creates the full refund of <c>PaymentIntentId</c>; the same idempotency key returns the same refund.</summary>
    Task<CreateRefundOutcome> CreateRefundAsync(CreateStripeRefund request, CancellationToken cancellationToken);

    Task<StripeRefundSnapshot> GetRefundAsync(string connectedAccountId, string stripeRefundId, CancellationToken cancellationToken);

    /// <summary>
    /// Our refund among the payment intent's refunds, found by <c>metadata.refund_id</c>; needed because
    /// Stripe forgets idempotency keys after 24 hours.
    /// </summary>
    Task<StripeRefundSnapshot?> FindRefundAsync(string connectedAccountId, string paymentIntentId, string refundId, CancellationToken cancellationToken);

    /// <summary>Available and pending balance of the connected account in <paramref name="currency"/>.</summary>
    Task<StripeBalance> GetBalanceAsync(string connectedAccountId, string currency, CancellationToken cancellationToken);
}

public sealed record CreateStripeRefund(
    string ConnectedAccountId,
    string PaymentIntentId,
    string RefundId,
    string IdempotencyKey,
    RefundReason? Reason);

public sealed record StripeBalance(Money Available, Money Pending);

public abstract record CreateRefundOutcome
{
    private CreateRefundOutcome()
    {
    }

    public sealed record Created(StripeRefundSnapshot Refund) : CreateRefundOutcome;

    /// <summary>The connected account's balance cannot cover the refund (Stripe's synchronous form of it).</summary>
    public sealed record InsufficientBalance(string Message) : CreateRefundOutcome;

    /// <summary>Stripe refused for a reason retrying will not change (already refunded, unknown payment intent...).</summary>
    public sealed record Rejected(string? Code, string Message) : CreateRefundOutcome;
}

public sealed class StripeUnavailableException : Exception
{
    public StripeUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public StripeUnavailableException()
    {
    }

    public StripeUnavailableException(string message)
        : base(message)
    {
    }
}
