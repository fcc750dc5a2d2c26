using Refunds.Domain.Common;
using Refunds.Domain.Refunds;

namespace Refunds.Domain.Tests.Refunds;

public sealed class RefundSummaryTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    [Fact]
    public void Attention_JustStarted_NoneUntilItsDueTimeIsPastTheGrace()
    {
        var (started, _) = Samples.Started();
        var summary = RefundSummary.Of(started);

        Assert.Empty(summary.Attention(Samples.T0 + Grace, Grace));
        Assert.Equal([AttentionReason.Stalled], summary.Attention(Samples.T0 + Grace + TimeSpan.FromTicks(1), Grace));
        Assert.Equal(AttentionMarks.NeedsOrchestration, summary.Marks);
    }

    [Fact]
    public void Of_WaitingForFunds_ShortfallAndReason()
    {
        var (started, _) = Samples.Started();
        var waiting = started.OnInsufficientBalance("short", Samples.Balance(1_000), Samples.T0, Samples.T0.AddHours(6), Samples.T0.AddDays(7)).Workflow;

        var summary = RefundSummary.Of(waiting);

        Assert.Equal(new WaitingSummary(WaitingReason.InsufficientFunds, new Money(14_000, "USD")), summary.Waiting);
        Assert.Equal([AttentionReason.WaitingForFunds], summary.Attention(Samples.T0.AddMinutes(5), Grace));
    }

    [Fact]
    public void Of_StripeNeedsTheCustomer_WaitingWithoutShortfallAndNoFundsMark()
    {
        var (started, payment) = Samples.Started();
        var asked = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.RequiresAction), payment, Samples.T0, new PollingPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1))).Workflow;

        var summary = RefundSummary.Of(asked);

        Assert.Equal(new WaitingSummary(WaitingReason.RequiresAction, null), summary.Waiting);
        Assert.False(summary.Marks.HasFlag(AttentionMarks.WaitingForFunds));
    }

    [Fact]
    public void Attention_FailedWithIntacctFailureAndWarnings_InFixedOrderAndNeverStalled()
    {
        var (started, _) = Samples.Started();
        var record = started with
        {
            RuntimeStatus = RuntimeStatus.Failed,
            Step = RefundStep.Done,
            IntacctStatus = IntacctStatus.Failed,
            Warnings = ["settle by hand"],
        };

        Assert.Equal(
            [AttentionReason.IntacctFailed, AttentionReason.Failed, AttentionReason.Warnings],
            RefundSummary.Of(record).Attention(Samples.T0.AddYears(1), Grace));
    }

    [Fact]
    public void Attention_CanceledByALateFailure_ItsWarningAsksNothing()
    {
        var (started, _) = Samples.Started();
        var canceled = started with { RuntimeStatus = RuntimeStatus.Canceled, Step = RefundStep.Done, Warnings = ["Canceled: the bank debit failed"] };

        Assert.Empty(RefundSummary.Of(canceled).Attention(Samples.T0.AddYears(1), Grace));
    }

    [Fact]
    public void Of_CompletedWithIntacctPending_StalledOnceTheReversalIsOverdue()
    {
        var (started, _) = Samples.Started();
        var completed = started with
        {
            RuntimeStatus = RuntimeStatus.Completed,
            Step = RefundStep.Done,
            IntacctStatus = IntacctStatus.Pending,
            IntacctDueAt = Samples.T0.AddMinutes(10),
        };

        var summary = RefundSummary.Of(completed);

        Assert.Empty(summary.Attention(Samples.T0.AddMinutes(12), Grace));
        Assert.Equal([AttentionReason.Stalled], summary.Attention(Samples.T0.AddMinutes(13), Grace));
        Assert.Equal(completed.HistoryCount, summary.Revision);
    }
}
