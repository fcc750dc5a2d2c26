using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowStageTests
{
    [Fact]
    public void Stage_JustStarted_ReadyToCreateDueNow()
    {
        var (workflow, _) = Started();

        Assert.Equal(RefundStage.ReadyToCreate, workflow.Stage);
        Assert.True(workflow.NeedsOrchestration);
        Assert.Equal(T0, workflow.OrchestrationDueAt);
    }

    [Fact]
    public void Stage_RefusedForInsufficientBalance_WaitingForFundsUntilTheNextCheck()
    {
        var (started, _) = Started();

        var waiting = started.OnInsufficientBalance("Insufficient funds", Balance(1_000), T0, T0.AddHours(6), T0.AddDays(7)).Workflow;

        Assert.Equal(RefundStage.WaitingForFunds, waiting.Stage);
        Assert.Equal(T0.AddHours(6), waiting.OrchestrationDueAt);
    }

    [Fact]
    public void Stage_RetryWhileWaitingForFunds_ReadyToCreateDueNow()
    {
        var (started, _) = Started();
        var waiting = started.OnInsufficientBalance("Insufficient funds", Balance(1_000), T0, T0.AddHours(6), T0.AddDays(7)).Workflow;

        var retried = waiting.Retry("admin", T0.AddMinutes(5)).Value.Workflow;

        Assert.Equal(RefundStage.ReadyToCreate, retried.Stage);
        Assert.Equal(T0.AddMinutes(5), retried.OrchestrationDueAt);
    }

    [Fact]
    public void Stage_StripeRefundPending_PendingAtStripeUntilTheBackOff()
    {
        var (started, payment) = Started();

        var pending = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, T0, new PollingPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1))).Workflow;

        Assert.Equal(RefundStage.PendingAtStripe, pending.Stage);
        Assert.Equal(T0.AddSeconds(2), pending.OrchestrationDueAt);
    }

    [Fact]
    public void Stage_StripeRefundSucceeded_ReadyToRecordDueNow()
    {
        var (workflow, _) = AtReopenInvoices();

        Assert.Equal(RefundStage.ReadyToRecord, workflow.Stage);
        Assert.Equal(T0.AddSeconds(1), workflow.OrchestrationDueAt);
    }

    [Fact]
    public void Stage_SettledExportedPayment_RecordedWithTheReversalDueThenNothingLeft()
    {
        var (atReopen, payment) = AtReopenInvoices();
        var settled = atReopen.ReopenInvoices(payment, [Invoice("inv_1", 10_000, 10_000), Invoice("inv_2", 8_000, 8_000)], T0.AddMinutes(3)).Workflow;

        Assert.Equal(RefundStage.Recorded, settled.Stage);
        Assert.True(settled.NeedsOrchestration);
        Assert.Equal(T0.AddMinutes(3), settled.OrchestrationDueAt);
        var reversed = settled.OnIntacctReversed(wasDuplicate: false, T0.AddMinutes(4)).Workflow;
        Assert.False(reversed.NeedsOrchestration);
    }

    [Fact]
    public void Stage_Canceled_CanceledWithNothingLeft()
    {
        var (started, payment) = Started();
        var waiting = started.OnInsufficientBalance("Insufficient funds", Balance(0), T0, T0.AddHours(6), T0.AddDays(7)).Workflow;

        var canceled = waiting.Cancel(payment, "admin", T0.AddMinutes(1)).Value.Workflow;

        Assert.Equal(RefundStage.Canceled, canceled.Stage);
        Assert.False(canceled.NeedsOrchestration);
    }

    [Fact]
    public void Stage_StripeRefundFailed_Failed()
    {
        var (started, payment) = Started();

        var failed = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Failed, FailureReason: "expired_or_canceled_card"), payment, T0, new PollingPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1))).Workflow;

        Assert.Equal(RefundStage.Failed, failed.Stage);
        Assert.False(failed.NeedsOrchestration);
    }
}
