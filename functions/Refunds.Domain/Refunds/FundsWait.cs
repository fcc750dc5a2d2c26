using System.Globalization;
using Refunds.Domain.Common;

namespace Refunds.Domain.Refunds;

/// <summary>The connected account's Stripe balance in the refund's currency, as last read.</summary>
public sealed record AccountBalance(Money Available, Money Pending);

/// <summary>
/// Why a refund is waiting for the connected account's balance, and until when it waits.
/// <see cref="GiveUpAt"/> is null when Stripe itself holds a pending refund (then Stripe decides, not us).
/// </summary>
public sealed record FundsWait(Money Available, Money Pending, DateTimeOffset CheckedAt, DateTimeOffset? GiveUpAt)
{
    /// <summary>How much the available balance lacks to cover <paramref name="amount"/>; zero when it covers it.</summary>
    public Money ShortOf(Money amount) => new(Math.Max(0, amount.MinorUnits - Available.MinorUnits), amount.Currency);

    public static FundsWait From(AccountBalance balance, DateTimeOffset checkedAt, DateTimeOffset? giveUpAt) =>
        new(balance.Available, balance.Pending, checkedAt, giveUpAt);

    /// <summary>The custom status ops read: the balance, the shortfall and what can be done about it.</summary>
    public string Describe(RefundWorkflow workflow, string? stripeRefundId)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var balance = string.Create(
            CultureInfo.InvariantCulture,
            $"Waiting for funds: connected account {workflow.ConnectedAccountId} has {Available} available and {Pending} pending (minor units, as of {CheckedAt:u}); the refund of {workflow.Amount} is {ShortOf(workflow.Amount)} short.");
        return stripeRefundId is null
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{balance} Remedies: (1) wait: the refund resumes by itself once the balance covers it (checked periodically, given up at {GiveUpAt:u}); (2) top up the Stripe balance, then POST .../retry; (3) refund outside Stripe, then POST .../cancel.")
            : $"{balance} Stripe holds refund {stripeRefundId} as pending until the balance covers it. Remedies: (1) wait: Stripe completes it when funds arrive; (2) top up the Stripe balance (POST .../retry checks at once); (3) refunding outside Stripe is not possible while Stripe holds this refund.";
    }
}
