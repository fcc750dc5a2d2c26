using System.Globalization;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// Waiting for the connected account's balance. Stripe says so in two ways: it refuses the create (nothing exists
/// at Stripe, so we retry with the same refund id later), or it accepts the refund as pending with
/// <c>pending_reason=insufficient_funds</c> (Stripe retries by itself; we watch).
/// </summary>
public sealed partial record RefundWorkflow
{
    public const string InsufficientFundsReason = "insufficient_funds";

    /// <summary>
    /// Waiting at the create step for funds: the next move (CheckFunds) reads the balance before trying again.
    /// Anything else at that step (Pending, or Running after a retry) tries the create straight away.
    /// </summary>
    public bool IsWaitingForFunds => RuntimeStatus == RuntimeStatus.Waiting && Step == RefundStep.CreateStripeRefund;

    /// <summary>
    /// Stripe refused synchronously because the connected account's balance cannot cover the refund:
    /// nothing was refunded, so the same step runs again later with the same refund id. The first refusal
    /// fixes the give-up deadline; later ones keep it.
    /// </summary>
    public Transition OnInsufficientBalance(string message, AccountBalance balance, DateTimeOffset now, DateTimeOffset nextCheckAt, DateTimeOffset giveUpAt)
    {
        ArgumentNullException.ThrowIfNull(balance);
        EnsureAt(RefundStep.CreateStripeRefund);
        var deadline = FundsWait?.GiveUpAt ?? giveUpAt;
        var funds = FundsWait.From(balance, now, deadline);
        var waiting = this with { CreateAttempt = CreateAttempt + 1, FundsWait = funds };
        return waiting
            .MoveTo(RefundStep.CreateStripeRefund, RuntimeStatus.Waiting, now, Min(nextCheckAt, deadline), funds.Describe(waiting, null))
            .Record(RefundStep.CreateStripeRefund, now, "InsufficientBalance", message)
            .ToTransition();
    }

    /// <summary>A periodic balance check found the balance still short: show the new figures and check again later.</summary>
    public Transition OnFundsStillShort(AccountBalance balance, DateTimeOffset now, DateTimeOffset nextCheckAt)
    {
        ArgumentNullException.ThrowIfNull(balance);
        EnsureWaitingForFunds();
        var funds = FundsWait.From(balance, now, FundsWait!.GiveUpAt);
        var checkedNow = this with { FundsWait = funds };
        return checkedNow
            .MoveTo(RefundStep.CreateStripeRefund, RuntimeStatus.Waiting, now, Min(nextCheckAt, funds.GiveUpAt), funds.Describe(checkedNow, null))
            .Record(RefundStep.CreateStripeRefund, now, "BalanceChecked", $"available {balance.Available}, short {funds.ShortOf(Amount)}")
            .ToTransition();
    }

    /// <summary>
    /// The balance now covers the refund (or an instance saved before balances were recorded wakes up): leave
    /// <c>Waiting</c> before anything is sent to Stripe. A cancel needs <c>Waiting</c> and commits under the same
    /// ETag, so once this is committed no cancel can win, and a cancel committed first makes this commit lose:
    /// a create is never in flight while the stored state still offers cancel.
    /// </summary>
    public Transition ResumeCreate(AccountBalance? balance, DateTimeOffset now)
    {
        if (!IsWaitingForFunds)
        {
            throw new InvalidOperationException($"Refund {RefundId} is not waiting for funds (it is {RuntimeStatus} at {Step}).");
        }

        var resumed = balance is null ? this : this with { FundsWait = FundsWait.From(balance, now, FundsWait?.GiveUpAt) };
        return resumed
            .MoveTo(RefundStep.CreateStripeRefund, RuntimeStatus.Running, now, now, "The balance covers the refund: creating it at Stripe.")
            .Record(RefundStep.CreateStripeRefund, now, "BalanceCovers", balance is null ? null : $"available {balance.Available}")
            .ToTransition();
    }

    /// <summary>The deadline passed without enough funds: nothing was refunded, and the payment may be refunded again later.</summary>
    public Transition GiveUpWaitingForFunds(Payment payment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        EnsureWaitingForFunds();
        var funds = FundsWait!;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"Gave up waiting for funds at {now:u}: connected account {ConnectedAccountId} could not cover the refund of {Amount} since {CreatedAt:u} (last check {funds.CheckedAt:u}: {funds.Available} available, {funds.Pending} pending, {funds.ShortOf(Amount)} short). Nothing was refunded; top up the balance and start a new refund, or refund outside Stripe.");
        return Finish(RuntimeStatus.Failed, now, new WorkflowError(RefundStep.CreateStripeRefund, now, reason))
            .Record(RefundStep.CreateStripeRefund, now, "GaveUpWaitingForFunds", reason)
            .ToTransition(payment with { ActiveRefundId = null });
    }

    /// <summary>
    /// A <c>balance.available</c> event for the connected account: look at the balance (or at the held refund) now
    /// instead of at the next periodic check. Null when this workflow is not waiting for funds.
    /// </summary>
    public Transition? OnBalanceAvailable(string eventId, DateTimeOffset now)
    {
        var heldAtStripe = RuntimeStatus == RuntimeStatus.Waiting && Step == RefundStep.AwaitStripeRefund && FundsWait is not null;
        if (!IsWaitingForFunds && !heldAtStripe)
        {
            return null;
        }

        return (this with { UpdatedAt = now, DueAt = now, Sequence = Sequence + 1 })
            .Record(Step, now, "BalanceAvailable", eventId)
            .ToTransition();
    }

    private void EnsureWaitingForFunds()
    {
        if (!IsWaitingForFunds || FundsWait is null)
        {
            throw new InvalidOperationException($"Refund {RefundId} is not waiting for funds (it is {RuntimeStatus} at {Step}).");
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other < a ? other : a;
}
