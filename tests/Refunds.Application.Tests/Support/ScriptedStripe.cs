using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Tests.Support;

/// <summary>The Stripe ports as the activities see them, answering from a script and keeping every create request.</summary>
internal sealed class ScriptedStripe : IStripeRefunds, IStripeRefundListing
{
    public Scripted<StripeRefundPage> Pages { get; } = new(nameof(ListRefundsAsync));

    public Scripted<StripeRefundFact?> ById { get; } = new(nameof(FindRefundByIdAsync));

    public Scripted<CreateRefundOutcome> Create { get; } = new(nameof(CreateRefundAsync));

    public Scripted<StripeRefundSnapshot> Get { get; } = new(nameof(GetRefundAsync));

    public Scripted<StripeRefundSnapshot?> Find { get; } = new(nameof(FindRefundAsync));

    public Scripted<StripeBalance> Balance { get; } = new(nameof(GetBalanceAsync));

    public List<CreateStripeRefund> Created { get; } = [];

    public static StripeBalance Usd(long available, long pending = 0) => new(new Money(available, "USD"), new Money(pending, "USD"));

    public Task<CreateRefundOutcome> CreateRefundAsync(CreateStripeRefund request, CancellationToken cancellationToken)
    {
        Created.Add(request);
        return Task.FromResult(Create.Next());
    }

    public Task<StripeRefundSnapshot> GetRefundAsync(string connectedAccountId, string stripeRefundId, CancellationToken cancellationToken) =>
        Task.FromResult(Get.Next());

    public Task<StripeRefundSnapshot?> FindRefundAsync(string connectedAccountId, string paymentIntentId, string refundId, CancellationToken cancellationToken) =>
        Task.FromResult(Find.Next());

    public Task<StripeBalance> GetBalanceAsync(string connectedAccountId, string currency, CancellationToken cancellationToken) =>
        Task.FromResult(Balance.Next());

    public Task<StripeRefundPage> ListRefundsAsync(
        string connectedAccountId, DateTimeOffset from, DateTimeOffset to, string? startingAfter, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(Pages.Next());

    public Task<StripeRefundFact?> FindRefundByIdAsync(string connectedAccountId, string stripeRefundId, CancellationToken cancellationToken) =>
        Task.FromResult(ById.Next());
}
