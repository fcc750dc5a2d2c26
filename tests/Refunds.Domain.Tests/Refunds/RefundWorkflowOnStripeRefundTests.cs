using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowOnStripeRefundTests
{
    private static readonly DateTimeOffset Now = T0.AddSeconds(5);
    private static readonly PollingPolicy Polling = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    [Fact]
    public void OnStripeRefund_Succeeded_RunningAtReopenInvoicesDueNow()
    {
        var (started, payment) = Started();

        var transition = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), payment, Now, Polling);

        var workflow = transition.Workflow;
        Assert.Equal(RefundStep.ReopenInvoices, workflow.Step);
        Assert.Equal(RuntimeStatus.Running, workflow.RuntimeStatus);
        Assert.Equal(started.Sequence + 1, workflow.Sequence);
        Assert.Equal(Now, workflow.DueAt);
        Assert.Equal(Now, workflow.UpdatedAt);
        Assert.Equal("re_1", workflow.StripeRefundId);
        Assert.Equal(StripeRefundStatus.Succeeded, workflow.StripeRefundStatus);
        Assert.False(workflow.IsTerminal);
        Assert.Null(transition.Payment);
    }

    [Fact]
    public void OnStripeRefund_Succeeded_AppendsHistoryLine()
    {
        var (started, payment) = Started();

        var transition = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), payment, Now, Polling);

        var line = Assert.Single(transition.History);
        Assert.Equal(started.HistoryCount, line.Sequence);
        Assert.Equal("StripeRefundSucceeded", line.Outcome);
        Assert.Equal(Now, line.At);
        Assert.Equal(started.HistoryCount + 1, transition.Workflow.HistoryCount);
    }

    [Fact]
    public void OnStripeRefund_PendingAfterCreate_RunningAwaitWithFirstDelay()
    {
        var (started, payment) = Started();

        var transition = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, Now, Polling);

        var workflow = transition.Workflow;
        Assert.Equal(RefundStep.AwaitStripeRefund, workflow.Step);
        Assert.Equal(RuntimeStatus.Running, workflow.RuntimeStatus);
        Assert.Equal(1, workflow.Sequence);
        Assert.Equal(0, workflow.PollAttempts);
        Assert.Equal(Now + Polling.First, workflow.DueAt);
        Assert.NotNull(workflow.CustomStatus);
        Assert.Equal("StripeRefundPending", Assert.Single(transition.History).Outcome);
        Assert.Null(transition.Payment);
    }

    [Fact]
    public void OnStripeRefund_PendingRepeatedly_DelayGrowsThenCaps()
    {
        var (workflow, payment) = Started();
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 10; i++)
        {
            var now = Now.AddMinutes(i * 10);
            workflow = workflow.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, now, Polling).Workflow;
            delays.Add(workflow.DueAt - now);
            Assert.Equal(i, workflow.PollAttempts);
            Assert.Equal(i + 1, workflow.Sequence);
        }

        Assert.Equal(TimeSpan.FromSeconds(2), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(4), delays[1]);
        Assert.Equal(TimeSpan.FromSeconds(8), delays[2]);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.All(delays, d => Assert.True(d <= Polling.Max));
        Assert.Equal(Polling.Max, delays[^1]);
    }

    [Fact]
    public void OnStripeRefund_PendingWithReason_WaitingWithCustomStatus()
    {
        var (started, payment) = Started();

        var transition = started.OnStripeRefund(
            new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending, PendingReason: "insufficient_funds"), payment, Now, Polling);

        var workflow = transition.Workflow;
        Assert.Equal(RefundStep.AwaitStripeRefund, workflow.Step);
        Assert.Equal(RuntimeStatus.Waiting, workflow.RuntimeStatus);
        Assert.Contains("insufficient_funds", workflow.CustomStatus, StringComparison.Ordinal);
        Assert.Equal("insufficient_funds", Assert.Single(transition.History).Detail);
    }

    [Fact]
    public void OnStripeRefund_RequiresAction_WaitingWithCustomStatus()
    {
        var (started, payment) = Started();

        var workflow = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.RequiresAction), payment, Now, Polling).Workflow;

        Assert.Equal(RefundStep.AwaitStripeRefund, workflow.Step);
        Assert.Equal(RuntimeStatus.Waiting, workflow.RuntimeStatus);
        Assert.Equal(StripeRefundStatus.RequiresAction, workflow.StripeRefundStatus);
        Assert.False(string.IsNullOrEmpty(workflow.CustomStatus));
        Assert.NotEqual(
            started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, Now, Polling).Workflow.CustomStatus,
            workflow.CustomStatus);
    }

    [Fact]
    public void OnStripeRefund_WaitingThenSucceeded_ClearsCustomStatus()
    {
        var (started, payment) = Started();
        var waiting = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.RequiresAction), payment, Now, Polling).Workflow;

        var workflow = waiting.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), payment, Now.AddMinutes(1), Polling).Workflow;

        Assert.Equal(RuntimeStatus.Running, workflow.RuntimeStatus);
        Assert.Null(workflow.CustomStatus);
        Assert.Equal(2, workflow.Sequence);
    }

    [Theory]
    [InlineData(StripeRefundStatus.Failed, "insufficient_funds", "insufficient_funds")]
    [InlineData(StripeRefundStatus.Failed, "expired_or_canceled_card", "expired_or_canceled_card")]
    [InlineData(StripeRefundStatus.Canceled, null, "canceled")]
    public void OnStripeRefund_FailedOrCanceled_FailedTerminalWithReason(StripeRefundStatus status, string? failureReason, string expectedReason)
    {
        var (started, payment) = Started();
        var pending = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, Now, Polling).Workflow;

        var transition = pending.OnStripeRefund(new StripeRefundSnapshot("re_1", status, FailureReason: failureReason), payment, Now.AddMinutes(1), Polling);

        var workflow = transition.Workflow;
        Assert.Equal(RuntimeStatus.Failed, workflow.RuntimeStatus);
        Assert.True(workflow.IsTerminal);
        Assert.Equal(RefundStep.Done, workflow.Step);
        Assert.Equal(pending.Sequence + 1, workflow.Sequence);
        Assert.Equal(Now.AddMinutes(1), workflow.CompletedAt);
        Assert.Null(workflow.CustomStatus);
        Assert.NotNull(workflow.LastError);
        Assert.Contains(expectedReason, workflow.LastError.Message, StringComparison.Ordinal);
        Assert.Contains("re_1", workflow.LastError.Message, StringComparison.Ordinal);
        Assert.Equal(RefundStep.AwaitStripeRefund, workflow.LastError.Step);
        var line = Assert.Single(transition.History);
        Assert.Equal("StripeRefundFailed", line.Outcome);
        Assert.Equal(expectedReason, line.Detail);
    }

    [Fact]
    public void OnStripeRefund_Failed_ReleasesPaymentOtherwiseUnchanged()
    {
        var (started, payment) = Started();
        Assert.Equal(RefundId, payment.ActiveRefundId);

        var transition = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Failed, "unknown"), payment, Now, Polling);

        Assert.NotNull(transition.Payment);
        Assert.Null(transition.Payment.ActiveRefundId);
        Assert.Equal(payment with { ActiveRefundId = null }, transition.Payment);
        Assert.Null(transition.Payment.CheckRefundable());
        Assert.Empty(transition.ChangedInvoices);
    }

    [Fact]
    public void OnStripeRefund_AtReopenInvoices_Throws()
    {
        var (workflow, payment) = AtReopenInvoices();

        Assert.Throws<InvalidOperationException>(() =>
            workflow.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), payment, Now, Polling));
    }

    [Fact]
    public void OnStripeRefund_AfterTerminal_Throws()
    {
        var (started, payment) = Started();
        var failed = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Failed, "unknown"), payment, Now, Polling).Workflow;

        Assert.Throws<InvalidOperationException>(() =>
            failed.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, Now, Polling));
    }

    [Fact]
    public void OnStripeRefund_AfterTransientError_ClearsLastError()
    {
        var (started, payment) = Started();
        var errored = started.OnTransientError("Stripe 503", Now, Now.AddSeconds(30)).Workflow;

        var workflow = errored.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, Now.AddSeconds(30), Polling).Workflow;

        Assert.Null(workflow.LastError);
    }
}
