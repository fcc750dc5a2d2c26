using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowActionsTests
{
    private static (RefundWorkflow Workflow, Domain.Payments.Payment Payment) WaitingForFunds()
    {
        var (started, payment) = Started();
        return (started.OnInsufficientBalance("Insufficient funds", Balance(0), T0, T0.AddHours(6), T0.AddDays(7)).Workflow, payment);
    }

    [Fact]
    public void Retry_WaitingForFunds_RunningAndDueNow()
    {
        var (waiting, _) = WaitingForFunds();

        var transition = waiting.Retry("admin@example.com", T0.AddHours(1));

        var next = transition.Value.Workflow;
        Assert.Equal(RuntimeStatus.Running, next.RuntimeStatus);
        Assert.Equal(RefundStep.CreateStripeRefund, next.Step);
        Assert.Equal(T0.AddHours(1), next.DueAt);
        Assert.Equal(waiting.Sequence + 1, next.Sequence);
        Assert.False(next.IsWaitingForFunds);
        Assert.Equal("RetryRequested", Assert.Single(transition.Value.History).Outcome);
    }

    [Fact]
    public void Retry_NotWaiting_RefusedAsNotWaiting()
    {
        var (started, _) = Started();

        Assert.Equal("refund_not_waiting", started.Retry("admin", T0).Error?.Code);
    }

    [Fact]
    public void Cancel_WaitingForFunds_CanceledPaymentReleasedStatusUntouched()
    {
        var (waiting, payment) = WaitingForFunds();

        var transition = waiting.Cancel(payment, "admin", T0.AddHours(1)).Value;

        Assert.Equal(RuntimeStatus.Canceled, transition.Workflow.RuntimeStatus);
        Assert.Equal(RefundStep.Done, transition.Workflow.Step);
        Assert.Null(transition.Payment!.ActiveRefundId);
        Assert.Equal(payment.Status, transition.Payment.Status);
        Assert.Empty(transition.ChangedInvoices);
    }

    [Fact]
    public void Cancel_StripeHoldsPendingRefund_RefusedBecauseItExists()
    {
        var (started, payment) = Started();
        var held = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending, PendingReason: "insufficient_funds"), payment, T0, PollingPolicy.Default, Balance(0)).Workflow;

        Assert.Equal("stripe_refund_exists", held.Cancel(payment, "admin", T0).Error?.Code);
    }

    [Fact]
    public void Cancel_Completed_RefusedAsNotWaiting()
    {
        var (atReopen, payment) = AtReopenInvoices();
        var done = atReopen.ReopenInvoices(payment, [Invoice("inv_1", 10_000, 10_000), Invoice("inv_2", 5_000, 5_000)], T0).Workflow;

        Assert.Equal("refund_not_waiting", done.Cancel(payment, "admin", T0).Error?.Code);
    }

    [Fact]
    public void ResumeCreate_BalanceCovers_RunningSoCancelIsRefusedInProgress()
    {
        var (waiting, payment) = WaitingForFunds();

        var resumed = waiting.ResumeCreate(Balance(20_000), T0.AddHours(6)).Workflow;

        Assert.Equal(RuntimeStatus.Running, resumed.RuntimeStatus);
        Assert.Equal(RefundStep.CreateStripeRefund, resumed.Step);
        Assert.Equal(waiting.Sequence + 1, resumed.Sequence);
        Assert.Equal("refund_in_progress", resumed.Cancel(payment, "admin", T0.AddHours(6)).Error?.Code);
    }

    [Fact]
    public void ResumeCreate_NotWaiting_Throws()
    {
        var (started, _) = Started();

        Assert.Throws<InvalidOperationException>(() => started.ResumeCreate(Balance(20_000), T0));
    }

    [Fact]
    public void Cancel_AfterRetryRequested_RefundInProgress()
    {
        var (waiting, payment) = WaitingForFunds();
        var retried = waiting.Retry("admin", T0.AddHours(1)).Value.Workflow;

        Assert.Equal("refund_in_progress", retried.Cancel(payment, "admin", T0.AddHours(1)).Error?.Code);
    }
}
