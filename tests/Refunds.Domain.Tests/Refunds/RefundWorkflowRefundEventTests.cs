using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowRefundEventTests
{
    private static readonly StripeRefundSnapshot Pending = new("re_1", StripeRefundStatus.Pending);
    private static readonly StripeRefundSnapshot Succeeded = new("re_1", StripeRefundStatus.Succeeded);

    [Fact]
    public void OnRefundEvent_SucceededWhileAwaiting_MovesToReopenInvoices()
    {
        var (started, payment) = Started();
        var awaiting = started.OnStripeRefund(Pending, payment, T0, PollingPolicy.Default).Workflow;

        var transition = awaiting.OnRefundEvent(Succeeded, payment, T0.AddSeconds(5), PollingPolicy.Default);

        Assert.Equal(RefundStep.ReopenInvoices, transition?.Workflow.Step);
    }

    [Fact]
    public void OnRefundEvent_RepeatOfKnownPending_Null()
    {
        var (started, payment) = Started();
        var awaiting = started.OnStripeRefund(Pending, payment, T0, PollingPolicy.Default).Workflow;

        Assert.Null(awaiting.OnRefundEvent(Pending, payment, T0.AddSeconds(5), PollingPolicy.Default));
    }

    [Fact]
    public void OnRefundEvent_OlderPendingAfterSucceeded_Null()
    {
        var (started, payment) = Started();
        var afterSuccess = started.OnRefundEvent(Succeeded, payment, T0, PollingPolicy.Default)!.Workflow;

        Assert.Null(afterSuccess.OnRefundEvent(Pending, payment, T0.AddSeconds(5), PollingPolicy.Default));
    }

    [Fact]
    public void OnRefundEvent_AnotherRefundId_Null()
    {
        var (started, payment) = Started();
        var awaiting = started.OnStripeRefund(Pending, payment, T0, PollingPolicy.Default).Workflow;

        Assert.Null(awaiting.OnRefundEvent(Succeeded with { Id = "re_other" }, payment, T0, PollingPolicy.Default));
    }

    [Fact]
    public void OnRefundEvent_FailedWhileWaitingForFunds_FailsAndReleasesPayment()
    {
        var (started, payment) = Started();
        var held = started.OnStripeRefund(Pending with { PendingReason = "insufficient_funds" }, payment, T0, PollingPolicy.Default, Balance(0)).Workflow;

        var transition = held.OnRefundEvent(new StripeRefundSnapshot("re_1", StripeRefundStatus.Failed, FailureReason: "insufficient_funds"), payment, T0, PollingPolicy.Default);

        Assert.Equal(RuntimeStatus.Failed, transition?.Workflow.RuntimeStatus);
        Assert.Null(transition?.Payment?.ActiveRefundId);
    }
}
