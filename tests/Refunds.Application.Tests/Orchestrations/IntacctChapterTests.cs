using Refunds.Application.Orchestrations;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Refunds;
using static Refunds.Application.Tests.Support.Stories;

namespace Refunds.Application.Tests.Orchestrations;

/// <summary>The stories without a Stripe part: a late bank failure, and ops re-running a failed Intacct reversal.</summary>
public sealed class IntacctChapterTests
{
    private const string Record = nameof(RecordRefundActivity);
    private const string Reverse = nameof(ReverseIntacctPaymentActivity);

    private readonly ScriptedOrchestration _durable = new();

    [Fact]
    public void LateFailureRunAsync_ExportedPayment_RecordsThenReverses()
    {
        _durable
            .Answer(Record, At(RefundStage.Recorded, intacctPending: true))
            .Answer(Reverse, At(RefundStage.Recorded));

        var output = _durable.Run(new LateFailureOrchestrator(), new RefundRun("org_1", "rv_dp_1"));

        Assert.Equal("Completed", output);
        string[] story = [Call(Record), Call(Reverse)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void LateFailureRunAsync_PaymentNeverExported_OnlyRecords()
    {
        _durable.Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new LateFailureOrchestrator(), new RefundRun("org_1", "rv_dp_1"));

        Assert.Equal("Completed", output);
        string[] story = [Call(Record)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void IntacctReversalRunAsync_IntacctUnavailable_WaitsForTheRetryTimeThenReverses()
    {
        _durable
            .Answer(Reverse, At(RefundStage.Recorded, TimeSpan.FromSeconds(30), intacctPending: true))
            .TimerFires()
            .Answer(Reverse, At(RefundStage.Recorded, TimeSpan.FromSeconds(30)));

        var output = _durable.Run(new IntacctReversalOrchestrator(), new RefundRun("org_1", "rf_1"));

        Assert.Equal("Completed", output);
        string[] story = [Call(Reverse), .. Sleep("+30s"), TimerFired, Call(Reverse)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void IntacctReversalRunAsync_ReversalFailsThroughItsRetries_TriesAgainAfterThePause()
    {
        _durable
            .Fail(Reverse)
            .TimerFires()
            .Answer(Reverse, At(RefundStage.Recorded, TimeSpan.FromSeconds(30)));

        var output = _durable.Run(new IntacctReversalOrchestrator(), new RefundRun("org_1", "rf_1"));

        Assert.Equal("Completed", output);
        string[] story = [Call(Reverse), .. Sleep("+30s"), TimerFired, Call(Reverse)];
        Assert.Equal(story, _durable.Trace);
    }
}
