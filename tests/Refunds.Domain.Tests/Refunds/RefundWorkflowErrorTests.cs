using Refunds.Domain.Common;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowErrorTests
{
    private static readonly DateTimeOffset Now = T0.AddSeconds(10);
    private static readonly DateTimeOffset RetryAt = T0.AddMinutes(5);

    [Fact]
    public void OnTransientError_AnyStep_KeepsStepSequenceAndStatus()
    {
        var (started, _) = Started();

        var workflow = started.OnTransientError("Stripe returned 503", Now, RetryAt).Workflow;

        Assert.Equal(started.Step, workflow.Step);
        Assert.Equal(started.Sequence, workflow.Sequence);
        Assert.Equal(started.RuntimeStatus, workflow.RuntimeStatus);
    }

    [Fact]
    public void OnTransientError_AnyStep_RecordsLastErrorAndPushesDueAt()
    {
        var (workflow, _) = AtReopenInvoices();

        var errored = workflow.OnTransientError("Table storage returned 503", Now, RetryAt).Workflow;

        Assert.NotNull(errored.LastError);
        Assert.Equal("Table storage returned 503", errored.LastError.Message);
        Assert.Equal(RefundStep.ReopenInvoices, errored.LastError.Step);
        Assert.Equal(Now, errored.LastError.At);
        Assert.Equal(RetryAt, errored.DueAt);
        Assert.Equal(Now, errored.UpdatedAt);
    }

    [Fact]
    public void OnTransientError_AnyStep_AppendsHistoryLine()
    {
        var (started, _) = Started();

        var transition = started.OnTransientError("Stripe returned 503", Now, RetryAt);

        var line = Assert.Single(transition.History);
        Assert.Equal(started.HistoryCount, line.Sequence);
        Assert.Equal("Error", line.Outcome);
        Assert.Equal("Stripe returned 503", line.Detail);
        Assert.Equal(started.HistoryCount + 1, transition.Workflow.HistoryCount);
        Assert.Null(transition.Payment);
    }

    [Fact]
    public void OnTransientError_Twice_HistoryKeepsCounting()
    {
        var (started, _) = Started();

        var first = started.OnTransientError("one", Now, RetryAt);
        var second = first.Workflow.OnTransientError("two", RetryAt, RetryAt.AddMinutes(5));

        Assert.Equal(started.HistoryCount + 1, Assert.Single(second.History).Sequence);
        Assert.Equal("two", second.Workflow.LastError?.Message);
        Assert.Equal(started.Sequence, second.Workflow.Sequence);
    }

    [Fact]
    public void OnPermanentError_WithPayment_FailedAndReleasesPayment()
    {
        var (started, payment) = Started();

        var transition = started.OnPermanentError(new DomainError("stripe_rejected", "No such payment_intent: 'pi_1'"), payment, Now);

        var workflow = transition.Workflow;
        Assert.Equal(RuntimeStatus.Failed, workflow.RuntimeStatus);
        Assert.True(workflow.IsTerminal);
        Assert.Equal(RefundStep.Done, workflow.Step);
        Assert.Equal(started.Sequence + 1, workflow.Sequence);
        Assert.Equal(Now, workflow.CompletedAt);
        Assert.Equal("No such payment_intent: 'pi_1'", workflow.LastError?.Message);
        Assert.Equal(RefundStep.CreateStripeRefund, workflow.LastError?.Step);
        Assert.Equal(payment with { ActiveRefundId = null }, transition.Payment);
        var line = Assert.Single(transition.History);
        Assert.Equal("Failed", line.Outcome);
        Assert.Equal(started.HistoryCount, line.Sequence);
    }

    [Fact]
    public void OnPermanentError_WithoutPayment_NoPaymentWrite()
    {
        var (started, _) = Started();

        var transition = started.OnPermanentError(new DomainError("invoice_missing", "Invoices not found: inv_2."), null, Now);

        Assert.Equal(RuntimeStatus.Failed, transition.Workflow.RuntimeStatus);
        Assert.Null(transition.Payment);
    }
}
