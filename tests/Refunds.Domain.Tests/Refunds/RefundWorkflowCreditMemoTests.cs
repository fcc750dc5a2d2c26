using Refunds.Domain.CreditMemos;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.CreditMemos.CreditMemoChoiceTests;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowCreditMemoTests
{
    private static readonly Payment NotExported = Payment() with { IntacctArPaymentKey = null };

    private static Transition StartOnMemo(CreditMemo memo) =>
        RefundWorkflow.Start(NotExported, Request(), T0, Synced(NotExported), RefundRecording.CreditMemo, [memo]).Value;

    [Fact]
    public void Start_CreditMemoModeWithCoveringMemo_LinkedAndAmountHeld()
    {
        var started = StartOnMemo(Memo("cm_1", "inv_2", 20_000));

        Assert.Equal(new RefundLink(RefundLinkType.CreditMemo, "cm_1"), started.Workflow.LinkedTo);
        Assert.Equal(15_000, started.CreditMemo?.ReservedMinor);
        Assert.Equal(5_000, started.CreditMemo?.RemainingMinor);
    }

    [Fact]
    public void Start_PaymentMode_LinkedToPaymentEvenWithCoveringMemo()
    {
        var started = RefundWorkflow.Start(NotExported, Request(), T0, Synced(NotExported), RefundRecording.Payment, [Memo("cm_1", "inv_1", 20_000)]).Value;

        Assert.Equal(new RefundLink(RefundLinkType.Payment, "pay_1"), started.Workflow.LinkedTo);
        Assert.Null(started.CreditMemo);
    }

    [Fact]
    public void RecordRefund_LinkedToMemo_PaymentRefundedMemoSettledInvoicesUntouchedNoIntacct()
    {
        var started = StartOnMemo(Memo("cm_1", "inv_1", 15_000));
        var succeeded = started.Workflow.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), started.Payment!, T0.AddSeconds(1), PollingPolicy.Default);

        var recorded = succeeded.Workflow.RecordRefund(started.Payment!, [Invoice("inv_1", 10_000, 10_000)], started.CreditMemo, T0.AddSeconds(2));

        Assert.Equal(RuntimeStatus.Completed, recorded.Workflow.RuntimeStatus);
        Assert.Equal(PaymentStatus.Refunded, recorded.Payment?.Status);
        Assert.Empty(recorded.ChangedInvoices);
        Assert.Equal(CreditMemoStatus.Refunded, recorded.CreditMemo?.Status);
        Assert.Equal(0, recorded.CreditMemo?.ReservedMinor);
        Assert.Equal(IntacctStatus.NotApplicable, recorded.Workflow.IntacctStatus);
        Assert.Equal("RecordedOnCreditMemo", recorded.History.Single().Outcome);
    }

    [Fact]
    public void GivesBackReservation_FailedAtStripe_TrueButNotWhenCompleted()
    {
        var started = StartOnMemo(Memo("cm_1", "inv_1", 15_000));
        var failed = started.Workflow.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Failed, "lost_or_stolen_card"), started.Payment!, T0.AddSeconds(1), PollingPolicy.Default);
        var succeeded = started.Workflow.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), started.Payment!, T0.AddSeconds(1), PollingPolicy.Default);
        var completed = succeeded.Workflow.RecordRefund(started.Payment!, [], started.CreditMemo, T0.AddSeconds(2));

        Assert.True(failed.Workflow.GivesBackReservation(started.Workflow));
        Assert.False(completed.Workflow.GivesBackReservation(succeeded.Workflow));
        Assert.False(failed.Workflow.GivesBackReservation(failed.Workflow));
    }

    [Fact]
    public void Create_CreditMemoWithIntacctExport_Refused()
    {
        var settings = OrganizationSettings.Create("org_1", RefundRecording.CreditMemo, exportsToIntacct: true);

        Assert.Equal("credit_memo_not_allowed_with_intacct", settings.Error?.Code);
        Assert.True(OrganizationSettings.Create("org_1", RefundRecording.CreditMemo, exportsToIntacct: false).IsSuccess);
    }
}
