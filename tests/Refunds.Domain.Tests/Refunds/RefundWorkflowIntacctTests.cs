using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowIntacctTests
{
    private static readonly DateTimeOffset Settled = T0.AddMinutes(3);

    private static IReadOnlyList<Invoice> Invoices() =>
    [
        Invoice("inv_1", total: 10_000, paid: 10_000),
        Invoice("inv_2", total: 8_000, paid: 8_000),
    ];

    private static (RefundWorkflow Workflow, Payment Payment) Completed(Payment? payment = null)
    {
        var (workflow, claimed) = AtReopenInvoices(payment);
        return (workflow.ReopenInvoices(claimed, Invoices(), Settled).Workflow, claimed);
    }

    [Fact]
    public void ReopenInvoices_ExportedPayment_ReversalQueuedDueNow()
    {
        var (workflow, _) = Completed();

        Assert.True(workflow.IntacctPending);
        Assert.Equal(Settled, workflow.IntacctDueAt);
        Assert.Equal("4711", workflow.IntacctArPaymentKey);
    }

    [Fact]
    public void PlanIntacctReversal_Settled_DatedSettlementDayWithDeterministicControlId()
    {
        var (workflow, payment) = Completed();

        var plan = workflow.PlanIntacctReversal(payment);

        Assert.Equal("4711", plan.ArPaymentKey);
        Assert.Equal(DateOnly.FromDateTime(Settled.UtcDateTime), plan.ReversalDate);
        Assert.Equal($"refunds-{RefundId}-reverse", plan.ControlId);
        Assert.Equal(plan, workflow.PlanIntacctReversal(payment));
        Assert.Contains(RefundId, plan.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanIntacctReversal_PaymentDatedAfterSettlement_NeverBeforePaymentDate()
    {
        var (workflow, payment) = Completed();
        var later = payment with { PaidAt = Settled.AddDays(2) };

        var plan = workflow.PlanIntacctReversal(later);

        Assert.Equal(DateOnly.FromDateTime(Settled.AddDays(2).UtcDateTime), plan.ReversalDate);
    }

    [Fact]
    public void OnIntacctReversed_Pending_SucceededWithHistoryAndNoDueTime()
    {
        var (workflow, _) = Completed();

        var transition = workflow.OnIntacctReversed(wasDuplicate: false, Settled.AddSeconds(5));

        Assert.Equal(IntacctStatus.Succeeded, transition.Workflow.IntacctStatus);
        Assert.Null(transition.Workflow.IntacctDueAt);
        Assert.Equal(RuntimeStatus.Completed, transition.Workflow.RuntimeStatus);
        Assert.Equal(RefundStep.ReverseInIntacct, Assert.Single(transition.History).Step);
        Assert.Throws<InvalidOperationException>(() => transition.Workflow.OnIntacctReversed(false, Settled));
    }

    [Fact]
    public void OnIntacctFailed_Pending_FailedWithIntacctsErrorThenRetryQueuesItAgain()
    {
        var (workflow, _) = Completed();

        var failed = workflow.OnIntacctFailed("BL03000136", "The period is closed.", Settled).Workflow;
        var retried = failed.RetryIntacct("ops@refunds.test", Settled.AddHours(1));

        Assert.Equal(IntacctStatus.Failed, failed.IntacctStatus);
        Assert.Equal("BL03000136", failed.IntacctError?.ErrorNumber);
        Assert.True(retried.IsSuccess);
        Assert.Equal(IntacctStatus.Pending, retried.Value.Workflow.IntacctStatus);
        Assert.Equal(Settled.AddHours(1), retried.Value.Workflow.IntacctDueAt);
        Assert.Equal((0, 1), (failed.IntacctRetries, retried.Value.Workflow.IntacctRetries));
    }

    [Fact]
    public void RetryIntacct_NotFailed_IntacctNotFailedError()
    {
        var (pending, _) = Completed();
        var notExported = Completed(Payment() with { IntacctArPaymentKey = null }).Workflow;

        Assert.Equal("intacct_not_failed", pending.RetryIntacct("ops", Settled).Error?.Code);
        Assert.Equal("intacct_not_failed", notExported.RetryIntacct("ops", Settled).Error?.Code);
        Assert.Throws<InvalidOperationException>(() => notExported.PlanIntacctReversal(Payment()));
    }

    [Fact]
    public void OnIntacctUnavailable_Pending_StaysPendingDueAtRetryTime()
    {
        var (workflow, _) = Completed();

        var transition = workflow.OnIntacctUnavailable("503", Settled, Settled.AddSeconds(30));

        Assert.True(transition.Workflow.IntacctPending);
        Assert.Equal(Settled.AddSeconds(30), transition.Workflow.IntacctDueAt);
        Assert.Equal(1, transition.Workflow.IntacctAttempts);
    }
}
