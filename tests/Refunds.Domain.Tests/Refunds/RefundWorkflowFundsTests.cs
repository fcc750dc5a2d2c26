using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowFundsTests
{
    private static readonly DateTimeOffset GiveUpAt = T0.AddDays(7);

    private static (RefundWorkflow Workflow, Domain.Payments.Payment Payment) WaitingForFunds()
    {
        var (started, payment) = Started();
        return (started.OnInsufficientBalance("Insufficient funds", Balance(1_000, 2_000), T0, T0.AddHours(6), GiveUpAt).Workflow, payment);
    }

    [Fact]
    public void OnInsufficientBalance_FirstRefusal_ShowsBalanceShortfallAndRemedies()
    {
        var (workflow, _) = WaitingForFunds();

        Assert.True(workflow.IsWaitingForFunds);
        Assert.Equal(new FundsWait(Balance(1_000).Available, Balance(0, 2_000).Pending, T0, GiveUpAt), workflow.FundsWait);
        Assert.Equal(14_000, workflow.FundsWait!.ShortOf(workflow.Amount).MinorUnits);
        Assert.Contains("1000 USD available and 2000 USD pending", workflow.CustomStatus, StringComparison.Ordinal);
        Assert.Contains("/retry", workflow.CustomStatus, StringComparison.Ordinal);
        Assert.Contains("/cancel", workflow.CustomStatus, StringComparison.Ordinal);
        Assert.Contains("wait", workflow.CustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public void OnInsufficientBalance_SecondRefusal_KeepsTheFirstDeadline()
    {
        var (waiting, _) = WaitingForFunds();
        var retried = waiting.Retry("admin", T0.AddDays(1)).Value.Workflow;

        var again = retried.OnInsufficientBalance("Insufficient funds", Balance(0), T0.AddDays(1), T0.AddDays(1).AddHours(6), T0.AddDays(8)).Workflow;

        Assert.Equal(GiveUpAt, again.FundsWait!.GiveUpAt);
        Assert.Equal(2, again.CreateAttempt);
    }

    [Fact]
    public void OnFundsStillShort_NextCheckAfterDeadline_IsDueAtTheDeadline()
    {
        var (waiting, _) = WaitingForFunds();
        var now = GiveUpAt.AddHours(-1);

        var transition = waiting.OnFundsStillShort(Balance(5_000), now, now.AddHours(6));

        Assert.Equal(GiveUpAt, transition.Workflow.DueAt);
        Assert.Equal(waiting.Sequence + 1, transition.Workflow.Sequence);
        Assert.Equal(RuntimeStatus.Waiting, transition.Workflow.RuntimeStatus);
        Assert.Equal(5_000, transition.Workflow.FundsWait!.Available.MinorUnits);
        Assert.Equal("BalanceChecked", Assert.Single(transition.History).Outcome);
    }

    [Fact]
    public void GiveUpWaitingForFunds_AtDeadline_FailsWithReasonAndReleasesThePayment()
    {
        var (waiting, payment) = WaitingForFunds();

        var transition = waiting.GiveUpWaitingForFunds(payment, GiveUpAt);

        Assert.Equal(RuntimeStatus.Failed, transition.Workflow.RuntimeStatus);
        Assert.Contains("Gave up waiting for funds", transition.Workflow.LastError!.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was refunded", transition.Workflow.LastError.Message, StringComparison.Ordinal);
        Assert.Null(transition.Payment!.ActiveRefundId);
        Assert.Equal(payment.Status, transition.Payment.Status);
    }

    [Fact]
    public void OnBalanceAvailable_WaitingForFunds_DueNowWithNewSequence()
    {
        var (waiting, _) = WaitingForFunds();

        var transition = waiting.OnBalanceAvailable("evt_1", T0.AddHours(1));

        Assert.NotNull(transition);
        Assert.Equal(T0.AddHours(1), transition.Workflow.DueAt);
        Assert.Equal(waiting.Sequence + 1, transition.Workflow.Sequence);
        Assert.True(transition.Workflow.IsWaitingForFunds);
    }

    [Fact]
    public void OnBalanceAvailable_NotWaitingForFunds_Null()
    {
        var (started, _) = Started();

        Assert.Null(started.OnBalanceAvailable("evt_1", T0));
    }

    [Fact]
    public void OnStripeRefund_PendingForInsufficientFunds_WaitingWithBalanceAndNoDeadline()
    {
        var (started, payment) = Started();

        var transition = started.OnStripeRefund(
            new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending, PendingReason: "insufficient_funds"), payment, T0, PollingPolicy.Default, Balance(100));

        Assert.Equal(RuntimeStatus.Waiting, transition.Workflow.RuntimeStatus);
        Assert.Null(transition.Workflow.FundsWait!.GiveUpAt);
        Assert.Contains("Stripe holds refund re_1", transition.Workflow.CustomStatus, StringComparison.Ordinal);
        Assert.NotNull(transition.Workflow.OnBalanceAvailable("evt_1", T0));
    }
}
