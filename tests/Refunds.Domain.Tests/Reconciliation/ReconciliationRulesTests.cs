using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Reconciliation;

public class ReconciliationRulesTests
{
    private static readonly Money Full = new(15_000, "USD");

    private static StripeRefundFact Stripe(string id = "re_1", StripeRefundStatus status = StripeRefundStatus.Succeeded, Money? amount = null, string? ours = RefundId) =>
        new(id, "acct_1", "pi_1", amount ?? Full, status, T0.AddMinutes(1), ours, status == StripeRefundStatus.Failed ? "expired_or_canceled_card" : null);

    private static RefundWorkflow Completed()
    {
        var (atReopen, payment) = AtReopenInvoices();
        return atReopen.RecordRefund(payment, [], null, T0.AddSeconds(2)).Workflow;
    }

    private static LedgerSide Side(RefundWorkflow? refund, bool withPayment = true) =>
        new(OrganizationId, "pay_1", withPayment ? Payment() : null, refund);

    [Fact]
    public void ForStripeRefund_OursCompletedAndAgreeing_NoFinding()
    {
        Assert.Empty(ReconciliationRules.ForStripeRefund(Stripe(), Side(Completed())));
    }

    [Fact]
    public void ForStripeRefund_PaymentNotTracked_NoFinding()
    {
        Assert.Empty(ReconciliationRules.ForStripeRefund(Stripe(ours: null), null));
    }

    [Fact]
    public void ForStripeRefund_DashboardRefundOnTrackedPayment_UnrecordedWithPaymentAmountAndRecordAction()
    {
        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe("re_dash", ours: null), Side(null)));

        Assert.Equal(FindingCode.StripeRefundUnrecorded, finding.Code);
        Assert.Equal("re_dash", finding.StripeRefundId);
        Assert.Equal("pay_1", finding.PaymentId);
        Assert.Null(finding.RefundId);
        Assert.Equal(Full, finding.OurAmount);
        Assert.Equal(Full, finding.StripeAmount);
        Assert.Contains("record action", finding.SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void ForStripeRefund_DashboardRefundWhileOursWaitsForFunds_UnrecordedSuggestsCancelFirst()
    {
        var (waiting, _) = Started();
        waiting = waiting with { RuntimeStatus = RuntimeStatus.Waiting };

        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe("re_dash", ours: null), Side(waiting)));

        Assert.Equal(FindingCode.StripeRefundUnrecorded, finding.Code);
        Assert.Equal(RefundId, finding.RefundId);
        Assert.Contains("/cancel", finding.SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void ForStripeRefund_DashboardRefundNotSucceeded_NoFinding()
    {
        Assert.Empty(ReconciliationRules.ForStripeRefund(Stripe("re_dash", StripeRefundStatus.Pending, ours: null), Side(null)));
        Assert.Empty(ReconciliationRules.ForStripeRefund(Stripe("re_dash", StripeRefundStatus.Failed, ours: null), Side(null)));
    }

    [Fact]
    public void ForStripeRefund_SecondStripeRefundNamingOurRefund_Unrecorded()
    {
        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe("re_2"), Side(Completed())));

        Assert.Equal(FindingCode.StripeRefundUnrecorded, finding.Code);
        Assert.Equal("re_2", finding.StripeRefundId);
    }

    [Fact]
    public void ForStripeRefund_OursCompletedStripeNowFailed_FailedAfterCompleted()
    {
        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe(status: StripeRefundStatus.Failed), Side(Completed())));

        Assert.Equal(FindingCode.StripeRefundFailedAfterCompleted, finding.Code);
        Assert.Equal("Completed", finding.OurStatus);
        Assert.Equal("failed", finding.StripeStatus);
        Assert.Contains("expired_or_canceled_card", finding.Difference, StringComparison.Ordinal);
    }

    [Fact]
    public void ForStripeRefund_OursCompletedStripeCanceled_FailedAfterCompleted()
    {
        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe(status: StripeRefundStatus.Canceled), Side(Completed())));

        Assert.Equal(FindingCode.StripeRefundFailedAfterCompleted, finding.Code);
    }

    [Theory]
    [InlineData(RuntimeStatus.Waiting, "/retry")]
    [InlineData(RuntimeStatus.Failed, "by hand")]
    [InlineData(RuntimeStatus.Canceled, "by hand")]
    public void ForStripeRefund_OursNotCompletedStripeSucceeded_SucceededNotCompleted(RuntimeStatus ours, string action)
    {
        var (started, _) = Started();
        var refund = started with { RuntimeStatus = ours, StripeRefundId = "re_1" };

        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe(), Side(refund)));

        Assert.Equal(FindingCode.StripeSucceededNotCompleted, finding.Code);
        Assert.Contains(action, finding.SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void ForStripeRefund_OursStillRunning_NoFinding()
    {
        var (started, _) = Started();

        Assert.Empty(ReconciliationRules.ForStripeRefund(Stripe(), Side(started)));
    }

    [Theory]
    [InlineData(10_000, "USD")]
    [InlineData(15_000, "EUR")]
    public void ForStripeRefund_AmountOrCurrencyDiffer_AmountMismatch(long amount, string currency)
    {
        var finding = Assert.Single(ReconciliationRules.ForStripeRefund(Stripe(amount: new Money(amount, currency)), Side(Completed())));

        Assert.Equal(FindingCode.AmountMismatch, finding.Code);
        Assert.Equal(Full, finding.OurAmount);
        Assert.Equal(new Money(amount, currency), finding.StripeAmount);
    }

    [Fact]
    public void ForOurRefund_StripeDoesNotKnowIt_Missing()
    {
        var finding = Assert.Single(ReconciliationRules.ForOurRefund(Completed(), null));

        Assert.Equal(FindingCode.StripeRefundMissing, finding.Code);
        Assert.Equal("re_1", finding.StripeRefundId);
        Assert.Equal(T0, finding.OurCreatedAt);
        Assert.Null(finding.StripeStatus);
    }

    [Fact]
    public void ForOurRefund_NoStripeRefundYet_NoFinding()
    {
        var (started, _) = Started();

        Assert.Empty(ReconciliationRules.ForOurRefund(started, null));
    }

    [Fact]
    public void FindingId_SameSubjectTwice_SameIdAndOtherSubjectOtherId()
    {
        var first = ReconciliationRules.ForStripeRefund(Stripe(status: StripeRefundStatus.Failed), Side(Completed())).Single();
        var again = ReconciliationRules.ForStripeRefund(Stripe(status: StripeRefundStatus.Failed), Side(Completed())).Single();
        var other = ReconciliationRules.ForStripeRefund(Stripe("re_9", StripeRefundStatus.Failed), Side(Completed() with { StripeRefundId = "re_9" })).Single();

        Assert.Equal(first.FindingId, again.FindingId);
        Assert.NotEqual(first.FindingId, other.FindingId);
        Assert.True(Ids.IsValid(first.FindingId));
    }

    [Fact]
    public void IsWithin_EitherTimeInWindow_True()
    {
        var finding = ReconciliationRules.ForOurRefund(Completed(), null).Single();

        Assert.True(finding.IsWithin(T0, T0.AddSeconds(1)));
        Assert.False(finding.IsWithin(T0.AddSeconds(1), T0.AddDays(1)));
    }

    [Fact]
    public void FindingCodes_WireNames_RoundTrip()
    {
        Assert.All(FindingCodes.All, code => Assert.Equal(code, FindingCodes.FromWire(code.ToWire())));
        Assert.Equal("stripe_refund_unrecorded", FindingCode.StripeRefundUnrecorded.ToWire());
    }
}
