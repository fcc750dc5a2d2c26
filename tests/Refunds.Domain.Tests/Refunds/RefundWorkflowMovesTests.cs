using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowMovesTests
{
    [Fact]
    public void NextMove_JustStarted_CreateStripeRefundDueNow()
    {
        var (workflow, _) = Started();

        Assert.Equal(WorkflowMove.CreateStripeRefund, workflow.NextMove);
        Assert.Equal(T0, workflow.NextMoveDueAt);
    }

    [Fact]
    public void NextMove_RefusedForInsufficientBalance_CheckFundsAtTheNextCheck()
    {
        var (started, _) = Started();

        var waiting = started.OnInsufficientBalance("Insufficient funds", Balance(1_000), T0, T0.AddHours(6), T0.AddDays(7)).Workflow;

        Assert.Equal(WorkflowMove.CheckFunds, waiting.NextMove);
        Assert.Equal(T0.AddHours(6), waiting.NextMoveDueAt);
    }

    [Fact]
    public void NextMove_StripeRefundPending_PollAfterTheBackOff()
    {
        var (started, payment) = Started();

        var pending = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, T0, new PollingPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1))).Workflow;

        Assert.Equal(WorkflowMove.PollStripeRefund, pending.NextMove);
        Assert.Equal(T0.AddSeconds(2), pending.NextMoveDueAt);
    }

    [Fact]
    public void NextMove_StripeRefundSucceeded_ReopenInvoicesDueNow()
    {
        var (workflow, _) = AtReopenInvoices();

        Assert.Equal(WorkflowMove.ReopenInvoices, workflow.NextMove);
        Assert.Equal(T0.AddSeconds(1), workflow.NextMoveDueAt);
    }

    [Fact]
    public void NextMove_SettledExportedPayment_ReverseInIntacctThenNone()
    {
        var (atReopen, payment) = AtReopenInvoices();
        var settled = atReopen.ReopenInvoices(payment, [Invoice("inv_1", 10_000, 10_000), Invoice("inv_2", 8_000, 8_000)], T0.AddMinutes(3)).Workflow;

        Assert.Equal(WorkflowMove.ReverseInIntacct, settled.NextMove);
        Assert.Equal(T0.AddMinutes(3), settled.NextMoveDueAt);
        var reversed = settled.OnIntacctReversed(wasDuplicate: false, T0.AddMinutes(4)).Workflow;
        Assert.Equal(WorkflowMove.None, reversed.NextMove);
    }

    [Fact]
    public void NextMove_Canceled_None()
    {
        var (started, payment) = Started();
        var waiting = started.OnInsufficientBalance("Insufficient funds", Balance(0), T0, T0.AddHours(6), T0.AddDays(7)).Workflow;

        var canceled = waiting.Cancel(payment, "admin", T0.AddMinutes(1)).Value.Workflow;

        Assert.Equal(WorkflowMove.None, canceled.NextMove);
    }
}
