using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowInsufficientBalanceTests
{
    [Fact]
    public void OnInsufficientBalance_AtCreate_WaitingWithNewIdempotencyKeyForTheNextAttempt()
    {
        var (workflow, _) = Started();
        var firstKey = workflow.StripeIdempotencyKey;
        var retryAt = T0.AddHours(6);

        var transition = workflow.OnInsufficientBalance("Insufficient funds in your Stripe balance to refund this amount.", Balance(1_000), T0.AddMinutes(1), retryAt, T0.AddDays(7));

        var next = transition.Workflow;
        Assert.Equal(RuntimeStatus.Waiting, next.RuntimeStatus);
        Assert.Equal(RefundStep.CreateStripeRefund, next.Step);
        Assert.Equal(workflow.Sequence + 1, next.Sequence);
        Assert.Equal(retryAt, next.DueAt);
        Assert.Contains("14000 USD short", next.CustomStatus, StringComparison.Ordinal);
        Assert.Equal($"refund-{workflow.RefundId}", firstKey);
        Assert.Equal($"refund-{workflow.RefundId}-1", next.StripeIdempotencyKey);
        Assert.Equal("InsufficientBalance", Assert.Single(transition.History).Outcome);
    }

    [Fact]
    public void OnInsufficientBalance_AfterStripeRefundExists_Throws()
    {
        var (workflow, payment) = Started();
        var awaiting = workflow.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, T0, PollingPolicy.Default).Workflow;

        Assert.Throws<InvalidOperationException>(() => awaiting.OnInsufficientBalance("late", Balance(0), T0, T0.AddHours(1), T0.AddDays(7)));
    }
}
