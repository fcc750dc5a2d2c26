using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.CreditMemos.CreditMemoChoiceTests;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Reconciliation;

public class RecordOutsideRefundTests
{
    private static readonly OutsideRefund Outside = new("re_dash", new Money(15_000, "USD"), "ops@platform.test", "rc_1");

    private static readonly IReadOnlyList<Invoice> Invoices = [Invoice("inv_1", 10_000, 10_000), Invoice("inv_2", 5_000, 5_000)];

    private static Result<Transition> Record(Payment payment, RefundRecording recording = RefundRecording.Payment, IReadOnlyList<CreditMemo>? memos = null) =>
        RefundWorkflow.RecordOutsideRefund(payment, Outside, Invoices, recording, memos ?? [], T0);

    [Fact]
    public void RecordOutsideRefund_PaymentMode_CompletedPaymentRefundedInvoicesReopenedIntacctQueued()
    {
        var recorded = Record(Payment()).Value;

        Assert.Equal("rx_re_dash", recorded.Workflow.RefundId);
        Assert.Equal(RuntimeStatus.Completed, recorded.Workflow.RuntimeStatus);
        Assert.Equal("re_dash", recorded.Workflow.StripeRefundId);
        Assert.Equal(StripeRefundStatus.Succeeded, recorded.Workflow.StripeRefundStatus);
        Assert.Equal(PaymentStatus.Refunded, recorded.Payment?.Status);
        Assert.Equal("rx_re_dash", recorded.Payment?.ActiveRefundId);
        Assert.All(recorded.ChangedInvoices, i => Assert.Equal(InvoiceStatus.Unpaid, i.Status));
        Assert.Equal(IntacctStatus.Pending, recorded.Workflow.IntacctStatus);
        Assert.Equal(["RefundedOutside", "InvoicesReopened"], recorded.History.Select(h => h.Outcome));
        Assert.Equal([0, 1], recorded.History.Select(h => h.Sequence));
        Assert.Contains("found by reconciliation rc_1", recorded.History[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordOutsideRefund_NotExported_NoIntacctReversal()
    {
        var recorded = Record(Payment() with { IntacctArPaymentKey = null }).Value;

        Assert.Equal(IntacctStatus.NotApplicable, recorded.Workflow.IntacctStatus);
    }

    [Fact]
    public void RecordOutsideRefund_CreditMemoMode_MemoSettledInvoicesUntouched()
    {
        var payment = Payment() with { IntacctArPaymentKey = null };

        var recorded = Record(payment, RefundRecording.CreditMemo, [Memo("cm_1", "inv_1", 15_000)]).Value;

        Assert.Equal(new RefundLink(RefundLinkType.CreditMemo, "cm_1"), recorded.Workflow.LinkedTo);
        Assert.Empty(recorded.ChangedInvoices);
        Assert.Equal(15_000, recorded.CreditMemo?.RefundedHereMinor);
        Assert.Equal(0, recorded.CreditMemo?.ReservedMinor);
        Assert.Equal(PaymentStatus.Refunded, recorded.Payment?.Status);
    }

    [Fact]
    public void RecordOutsideRefund_PaymentClaimedByOurRefund_RefundInProgress()
    {
        var (_, claimed) = Started();

        Assert.Equal("refund_in_progress", Record(claimed).Error?.Code);
    }

    [Fact]
    public void RecordOutsideRefund_PaymentAlreadyRefunded_Refused()
    {
        Assert.Equal("payment_already_refunded", Record(Payment() with { Status = PaymentStatus.Refunded, ActiveRefundId = "rf_1" }).Error?.Code);
    }

    [Fact]
    public void RecordOutsideRefund_PartialAmount_Refused()
    {
        var partial = RefundWorkflow.RecordOutsideRefund(Payment(), Outside with { Amount = new Money(5_000, "USD") }, Invoices, RefundRecording.Payment, [], T0);

        Assert.Equal("partial_refund", partial.Error?.Code);
    }

    [Fact]
    public void RecordOutsideRefund_PaymentFailed_Refused()
    {
        Assert.Equal("payment_not_succeeded", Record(Payment() with { Status = PaymentStatus.Failed }).Error?.Code);
    }
}
