using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowLateFailureTests
{
    private static Payment AchPayment() => Payment() with { Method = PaymentMethod.AchDebit };

    [Fact]
    public void StartLateFailureReversal_SucceededAchDebit_ClaimsPaymentAtReopenInvoices()
    {
        var transition = RefundWorkflow.StartLateFailureReversal(AchPayment(), "du_1", "debit_not_authorized", T0).Value;

        Assert.Equal("rv_du_1", transition.Workflow.RefundId);
        Assert.Equal(WorkflowKind.LateFailureReversal, transition.Workflow.Kind);
        Assert.Equal(RefundStep.ReopenInvoices, transition.Workflow.Step);
        Assert.Equal(RuntimeStatus.Running, transition.Workflow.RuntimeStatus);
        Assert.Equal("rv_du_1", transition.Payment!.ActiveRefundId);
        Assert.Equal("LateFailure", Assert.Single(transition.History).Outcome);
    }

    [Fact]
    public void StartLateFailureReversal_ThenReopen_PaymentFailedInvoicesInCollectionsIntacctPending()
    {
        var started = RefundWorkflow.StartLateFailureReversal(AchPayment(), "du_1", null, T0).Value;

        var done = started.Workflow.ReopenInvoices(started.Payment!, [Invoice("inv_1", 10_000, 10_000), Invoice("inv_2", 5_000, 5_000)], T0);

        Assert.Equal(PaymentStatus.Failed, done.Payment!.Status);
        Assert.All(done.ChangedInvoices, i => Assert.True(i.InCollections));
        Assert.Equal(IntacctStatus.Pending, done.Workflow.IntacctStatus);
        Assert.Equal(RuntimeStatus.Completed, done.Workflow.RuntimeStatus);
    }

    [Theory]
    [InlineData(PaymentMethod.Card)]
    [InlineData(PaymentMethod.Other)]
    public void StartLateFailureReversal_NotABankDebit_Refused(PaymentMethod method) =>
        Assert.Equal("not_a_bank_debit", RefundWorkflow.StartLateFailureReversal(Payment() with { Method = method }, "du_1", null, T0).Error?.Code);

    [Fact]
    public void StartLateFailureReversal_PaymentBeingRefunded_Refused()
    {
        var (_, claimed) = Started(AchPayment());

        Assert.Equal("payment_claimed", RefundWorkflow.StartLateFailureReversal(claimed, "du_1", null, T0).Error?.Code);
    }

    [Fact]
    public void StartLateFailureReversal_PaymentAlreadyRefunded_Refused() =>
        Assert.Equal("payment_not_succeeded", RefundWorkflow.StartLateFailureReversal(AchPayment() with { Status = PaymentStatus.Refunded }, "du_1", null, T0).Error?.Code);

    [Fact]
    public void CheckRefundable_AfterLateFailureReversal_SaysNotSucceeded()
    {
        var started = RefundWorkflow.StartLateFailureReversal(AchPayment(), "du_1", null, T0).Value;
        var failed = started.Workflow.ReopenInvoices(started.Payment!, [Invoice("inv_1", 10_000, 10_000), Invoice("inv_2", 5_000, 5_000)], T0).Payment!;

        Assert.Equal("payment_not_succeeded", failed.CheckRefundable()?.Code);
    }

    [Fact]
    public void StartLateFailureReversalOver_RefundWaitingWithNothingAtStripe_CancelsRefundAndClaimsPaymentForReversal()
    {
        var (started, claimed) = Started(AchPayment());
        var waiting = started.OnInsufficientBalance("Insufficient funds", Balance(0), T0, T0.AddHours(6), T0.AddDays(7)).Workflow;

        var transitions = RefundWorkflow.StartLateFailureReversalOver(waiting, claimed, "du_1", "insufficient_funds", T0.AddHours(1)).Value;

        var (canceled, reversal) = (transitions[0], transitions[1]);
        Assert.Equal(RuntimeStatus.Canceled, canceled.Workflow.RuntimeStatus);
        Assert.Null(canceled.Payment);
        Assert.Contains("du_1", Assert.Single(canceled.Workflow.Warnings), StringComparison.Ordinal);
        Assert.Equal("CanceledByLateFailure", Assert.Single(canceled.History).Outcome);
        Assert.Equal(WorkflowKind.LateFailureReversal, reversal.Workflow.Kind);
        Assert.Equal("rv_du_1", reversal.Payment!.ActiveRefundId);
    }

    [Fact]
    public void StartLateFailureReversalOver_StripeHoldsPendingRefund_Refused()
    {
        var (started, claimed) = Started(AchPayment());
        var held = started.OnStripeRefund(
            new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending, PendingReason: RefundWorkflow.InsufficientFundsReason), claimed, T0, PollingPolicy.Default, Balance(0)).Workflow;

        Assert.False(RefundWorkflow.StartLateFailureReversalOver(held, claimed, "du_1", null, T0).IsSuccess);
    }

    [Fact]
    public void NoteLateFailure_RepeatedDispute_NotedOnce()
    {
        var (started, claimed) = Started(AchPayment());
        var held = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), claimed, T0, PollingPolicy.Default).Workflow;

        var noted = held.NoteLateFailure("du_1", "insufficient_funds", T0.AddMinutes(1))!.Workflow;

        Assert.Contains("re_1", Assert.Single(noted.Warnings), StringComparison.Ordinal);
        Assert.Null(noted.NoteLateFailure("du_1", "insufficient_funds", T0.AddMinutes(2)));
        Assert.NotNull(noted.NoteLateFailure("du_2", null, T0.AddMinutes(2)));
        Assert.Equal(held.Sequence, noted.Sequence);
    }
}
