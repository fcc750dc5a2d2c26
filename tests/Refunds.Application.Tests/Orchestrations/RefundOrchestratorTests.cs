using Refunds.Application.Orchestrations;
using Refunds.Application.Orchestrations.Activities;
using Refunds.Application.Tests.Support;
using Refunds.Domain.Refunds;
using static Refunds.Application.Tests.Support.Stories;

namespace Refunds.Application.Tests.Orchestrations;

/// <summary>One test per path of the refund story; each asserts the exact sequence of activities, timers and waits.</summary>
public sealed class RefundOrchestratorTests
{
    private const string Create = nameof(CreateStripeRefundActivity);
    private const string CheckFunds = nameof(CheckFundsActivity);
    private const string Poll = nameof(PollStripeRefundActivity);
    private const string Record = nameof(RecordRefundActivity);
    private const string Reverse = nameof(ReverseIntacctPaymentActivity);

    private static readonly TimeSpan BalanceCheck = TimeSpan.FromHours(6);

    private readonly ScriptedOrchestration _durable = new();

    [Fact]
    public void RunAsync_CardRefundSucceedsAtOnce_CreatesRecordsAndCompletes()
    {
        _durable.Answer(Create, At(RefundStage.ReadyToRecord)).Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story = [Call(Create), Call(Record)];
        Assert.Equal(story, _durable.Trace);
        Assert.Equal(nameof(RefundStage.Recorded), _durable.ShownStep());
    }

    [Fact]
    public void RunAsync_EveryStep_CallsItsActivityWithTheRefundAndARetryPolicy()
    {
        _durable.Answer(Create, At(RefundStage.ReadyToRecord)).Answer(Record, At(RefundStage.Recorded));

        _durable.Run(new RefundOrchestrator(), Refund);

        Assert.All(_durable.Calls, call =>
        {
            Assert.Equal(new RefundInstance("org_1", "rf_1"), call.Input);
            Assert.Equal(4, call.Options?.Retry?.Policy?.MaxNumberOfAttempts);
        });
    }

    [Fact]
    public void RunAsync_PaymentExportedToIntacct_ReversesItAfterRecording()
    {
        _durable
            .Answer(Create, At(RefundStage.ReadyToRecord))
            .Answer(Record, At(RefundStage.Recorded, intacctPending: true))
            .Answer(Reverse, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story = [Call(Create), Call(Record), Call(Reverse)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_PendingAtStripeThenWebhook_ContinuesAsNewWaitsAndRecordsWithoutPolling()
    {
        _durable
            .Answer(Create, At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(2)))
            .Raise(new StripeRefundChanged("evt_1", At(RefundStage.ReadyToRecord)))
            .Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story = [Call(Create), .. Sleep("+2s"), Raised<StripeRefundChanged>(), Call(Record)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_PendingAtStripeWithoutWebhook_PollsAtTheDueTime()
    {
        _durable
            .Answer(Create, At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(2)))
            .TimerFires()
            .Answer(Poll, At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(6)))
            .TimerFires()
            .Answer(Poll, At(RefundStage.ReadyToRecord, TimeSpan.FromSeconds(6)))
            .Answer(Record, At(RefundStage.Recorded, TimeSpan.FromSeconds(6)));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story =
        [
            Call(Create), .. Sleep("+2s"), TimerFired, Call(Poll), "timer +6s", TimerFired, Call(Poll), Call(Record),
        ];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_WebhookSaysStillPending_WaitsAgainInTheSameExecutionWhileItsCanceledTimerIsDue()
    {
        // A continue-as-new here would leave the canceled 2 s timer to fire for an execution that has ended.
        _durable
            .Answer(Create, At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(2)))
            .Raise(new StripeRefundChanged("evt_1", At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(6))))
            .Raise(new StripeRefundChanged("evt_2", At(RefundStage.ReadyToRecord)))
            .Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story =
        [
            Call(Create), .. Sleep("+2s"), Raised<StripeRefundChanged>(), $"wait {nameof(StripeRefundChanged)}", "timer +6s", Raised<StripeRefundChanged>(), Call(Record),
        ];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_InsufficientBalanceThenFundsAvailable_ChecksFundsThenCreates()
    {
        _durable
            .Answer(Create, At(RefundStage.WaitingForFunds, BalanceCheck))
            .Raise(new FundsAvailable("evt_balance", At(RefundStage.WaitingForFunds)))
            .Answer(CheckFunds, At(RefundStage.ReadyToCreate))
            .Answer(Create, At(RefundStage.ReadyToRecord))
            .Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story =
        [
            Call(Create), .. Sleep("+6h"), Raised<FundsAvailable>(), Call(CheckFunds), Call(Create), Call(Record),
        ];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_InsufficientBalanceThenRetryRequested_CreatesAtOnce()
    {
        _durable
            .Answer(Create, At(RefundStage.WaitingForFunds, BalanceCheck))
            .Raise(new RetryRequested("admin@example.com", At(RefundStage.ReadyToCreate)))
            .Answer(Create, At(RefundStage.ReadyToRecord))
            .Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story = [Call(Create), .. Sleep("+6h"), Raised<RetryRequested>(), Call(Create), Call(Record)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_InsufficientBalanceThenCancelRequested_EndsCanceledWithoutAnotherActivity()
    {
        _durable
            .Answer(Create, At(RefundStage.WaitingForFunds, BalanceCheck))
            .Raise(new CancelRequested("admin@example.com", At(RefundStage.Canceled)));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Canceled", output);
        string[] story = [Call(Create), .. Sleep("+6h"), Raised<CancelRequested>()];
        Assert.Equal(story, _durable.Trace);
        Assert.Equal(nameof(RefundStage.Canceled), _durable.ShownStep());
    }

    [Fact]
    public void RunAsync_InsufficientBalanceUntilTheDeadline_ChecksEverySixHoursThenFails()
    {
        _durable
            .Answer(Create, At(RefundStage.WaitingForFunds, BalanceCheck))
            .TimerFires()
            .Answer(CheckFunds, At(RefundStage.WaitingForFunds, 2 * BalanceCheck))
            .TimerFires()
            .Answer(CheckFunds, At(RefundStage.Failed, 2 * BalanceCheck));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Failed", output);
        string[] story =
        [
            Call(Create), .. Sleep("+6h"), TimerFired, Call(CheckFunds), "timer +12h", TimerFired, Call(CheckFunds),
        ];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_RetryRequestedWhileABalanceCheckRuns_CreatesWithoutWaitingForTheNextCheck()
    {
        // The check read a short balance and committed; the admin topped up and retried just after, while the
        // activity's answer was on its way back.
        _durable
            .Answer(Create, At(RefundStage.WaitingForFunds, BalanceCheck))
            .TimerFires()
            .Answer(CheckFunds, At(RefundStage.WaitingForFunds, 2 * BalanceCheck), new RetryRequested("admin@example.com", At(RefundStage.ReadyToCreate, BalanceCheck)))
            .Answer(Create, At(RefundStage.ReadyToRecord, BalanceCheck))
            .Answer(Record, At(RefundStage.Recorded, BalanceCheck));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story =
        [
            Call(Create), .. Sleep("+6h"), TimerFired, Call(CheckFunds), Raised<RetryRequested>(), "timer +12h", Call(Create), Call(Record),
        ];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_CancelRequestedWhileABalanceCheckRuns_EndsCanceledWithoutWaitingForTheNextCheck()
    {
        _durable
            .Answer(Create, At(RefundStage.WaitingForFunds, BalanceCheck))
            .TimerFires()
            .Answer(CheckFunds, At(RefundStage.WaitingForFunds, 2 * BalanceCheck), new CancelRequested("admin@example.com", At(RefundStage.Canceled, BalanceCheck)));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Canceled", output);
        string[] story =
        [
            Call(Create), .. Sleep("+6h"), TimerFired, Call(CheckFunds), Raised<CancelRequested>(), "timer +12h",
        ];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_StripeRefusesPermanently_FailsWithoutRecording()
    {
        _durable.Answer(Create, At(RefundStage.Failed));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Failed", output);
        string[] story = [Call(Create)];
        Assert.Equal(story, _durable.Trace);
        Assert.Equal(nameof(RefundStage.Failed), _durable.ShownStep());
    }

    [Fact]
    public void RunAsync_RecordGone_EndsGoneWithoutAnotherActivity()
    {
        _durable.Answer(Create, RefundProgress.Missing);

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Gone", output);
        string[] story = [Call(Create)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_ActivityFailsThroughItsRetries_RunsTheSameStepAgainAfterThePause()
    {
        _durable
            .Fail(Create)
            .TimerFires()
            .Answer(Create, At(RefundStage.ReadyToRecord, TimeSpan.FromSeconds(30)))
            .Answer(Record, At(RefundStage.Recorded, TimeSpan.FromSeconds(30)));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story = [Call(Create), .. Sleep("+30s"), TimerFired, Call(Create), Call(Record)];
        Assert.Equal(story, _durable.Trace);
        Assert.Single(_durable.Inputs);
    }

    [Fact]
    public void RunAsync_LongPollAtStripe_ContinuesAsNewAfterTenWaitsWithWhereTheRecordStands()
    {
        _durable.Answer(Create, At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(2)));
        for (var poll = 1; poll <= 10; poll++)
        {
            _durable.TimerFires().Answer(Poll, At(RefundStage.PendingAtStripe, TimeSpan.FromMinutes(poll)));
        }

        _durable.TimerFires()
            .Answer(Poll, At(RefundStage.ReadyToRecord))
            .Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        Assert.Equal(2, _durable.Inputs.Count);
        Assert.Single(_durable.Trace, t => t == ContinueAsNew);
        var continued = Assert.IsType<RefundRun>(_durable.Inputs[1]);
        Assert.Equal(RefundStage.PendingAtStripe, continued.Progress?.Stage);
        Assert.Equal(11, _durable.Trace.Count(t => t == Call(Poll)));
    }

    [Fact]
    public void RunAsync_WakeUpWhilePendingAtStripe_PollsBeforeTheDueTime()
    {
        _durable
            .Answer(Create, At(RefundStage.PendingAtStripe, TimeSpan.FromHours(1)))
            .Raise(new WakeUp("reconciler"))
            .Answer(Poll, At(RefundStage.ReadyToRecord))
            .Answer(Record, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story = [Call(Create), .. Sleep("+1h"), Raised<WakeUp>(), Call(Poll), Call(Record)];
        Assert.Equal(story, _durable.Trace);
    }

    [Fact]
    public void RunAsync_StaleSignalWhileIntacctReversalWaits_IgnoresItAndRunsTheReversal()
    {
        _durable
            .Answer(Create, At(RefundStage.ReadyToRecord))
            .Answer(Record, At(RefundStage.Recorded, intacctPending: true))
            .Answer(Reverse, At(RefundStage.Recorded, TimeSpan.FromSeconds(30), intacctPending: true))
            .Raise(new StripeRefundChanged("evt_late", At(RefundStage.PendingAtStripe, TimeSpan.FromSeconds(2))))
            .Answer(Reverse, At(RefundStage.Recorded));

        var output = _durable.Run(new RefundOrchestrator(), Refund);

        Assert.Equal("Completed", output);
        string[] story =
        [
            Call(Create), Call(Record), Call(Reverse), .. Sleep("+30s"), Raised<StripeRefundChanged>(), Call(Reverse),
        ];
        Assert.Equal(story, _durable.Trace);
    }
}
