using Refunds.Domain.Common;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowReopenInvoicesTests
{
    private static readonly DateTimeOffset Now = T0.AddMinutes(2);

    // inv_1 was settled entirely by this payment; inv_2 partly by it and partly by another payment.
    private static IReadOnlyList<Invoice> Invoices() =>
    [
        Invoice("inv_1", total: 10_000, paid: 10_000),
        Invoice("inv_2", total: 8_000, paid: 8_000),
        Invoice("inv_3", total: 1_000, paid: 1_000),
    ];

    [Fact]
    public void ReopenInvoices_Allocations_PaymentRefundedAndStillLinkedToTheRefund()
    {
        var (workflow, payment) = AtReopenInvoices();

        var transition = workflow.ReopenInvoices(payment, Invoices(), Now);

        Assert.NotNull(transition.Payment);
        Assert.Equal(PaymentStatus.Refunded, transition.Payment.Status);
        Assert.Equal(workflow.RefundId, transition.Payment.ActiveRefundId);
        Assert.Equal(payment with { Status = PaymentStatus.Refunded }, transition.Payment);
        Assert.Equal("payment_already_refunded", transition.Payment.CheckRefundable()?.Code);
    }

    [Fact]
    public void ReopenInvoices_Allocations_EachInvoiceReopenedByItsAllocation()
    {
        var (workflow, payment) = AtReopenInvoices();

        var changed = workflow.ReopenInvoices(payment, Invoices(), Now).ChangedInvoices.ToDictionary(i => i.InvoiceId);

        Assert.Equal(0, changed["inv_1"].PaidAmountMinor);
        Assert.Equal(InvoiceStatus.Unpaid, changed["inv_1"].Status);
        Assert.Equal(3_000, changed["inv_2"].PaidAmountMinor);
        Assert.Equal(InvoiceStatus.PartiallyPaid, changed["inv_2"].Status);
        Assert.True(changed["inv_1"].InCollections);
        Assert.True(changed["inv_2"].InCollections);
    }

    [Fact]
    public void ReopenInvoices_InvoiceNotAllocated_NotTouched()
    {
        var (workflow, payment) = AtReopenInvoices();

        var transition = workflow.ReopenInvoices(payment, Invoices(), Now);

        Assert.Equal(["inv_1", "inv_2"], transition.ChangedInvoices.Select(i => i.InvoiceId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(transition.Workflow.ReopenedInvoices, r => r.InvoiceId == "inv_3");
    }

    [Fact]
    public void ReopenInvoices_SeveralAllocationsToOneInvoice_AddUp()
    {
        var (workflow, payment) = AtReopenInvoices(Payment(
            new InvoiceAllocation("inv_1", 4_000),
            new InvoiceAllocation("inv_2", 5_000),
            new InvoiceAllocation("inv_1", 6_000)));

        var transition = workflow.ReopenInvoices(payment, Invoices(), Now);
        var changed = transition.ChangedInvoices;

        Assert.Equal(2, changed.Count);
        var inv1 = Assert.Single(changed, i => i.InvoiceId == "inv_1");
        Assert.Equal(0, inv1.PaidAmountMinor);
        Assert.Equal(InvoiceStatus.Unpaid, inv1.Status);
        Assert.Equal(10_000, Assert.Single(transition.Workflow.ReopenedInvoices, r => r.InvoiceId == "inv_1").RefundedMinor);
        Assert.Equal(5_000, Assert.Single(transition.Workflow.ReopenedInvoices, r => r.InvoiceId == "inv_2").RefundedMinor);
    }

    [Fact]
    public void ReopenInvoices_DisputedInvoice_StaysOutOfCollections()
    {
        var (workflow, payment) = AtReopenInvoices();
        IReadOnlyList<Invoice> invoices = [Invoice("inv_1", 10_000, 10_000, inDispute: true), Invoice("inv_2", 8_000, 8_000)];

        var transition = workflow.ReopenInvoices(payment, invoices, Now);

        Assert.False(Assert.Single(transition.ChangedInvoices, i => i.InvoiceId == "inv_1").InCollections);
        Assert.True(Assert.Single(transition.ChangedInvoices, i => i.InvoiceId == "inv_2").InCollections);
        Assert.False(Assert.Single(transition.Workflow.ReopenedInvoices, r => r.InvoiceId == "inv_1").InCollections);
    }

    [Fact]
    public void ReopenInvoices_MissingInvoice_CompletesRefundedWithWarningNamingIt()
    {
        var (workflow, payment) = AtReopenInvoices();

        var transition = workflow.ReopenInvoices(payment, [Invoice("inv_1", 10_000, 10_000)], Now);

        Assert.Equal(RuntimeStatus.Completed, transition.Workflow.RuntimeStatus);
        Assert.Null(transition.Workflow.LastError);
        Assert.Equal(PaymentStatus.Refunded, transition.Payment!.Status);
        Assert.Equal("inv_1", Assert.Single(transition.ChangedInvoices).InvoiceId);
        var warning = Assert.Single(transition.Workflow.Warnings);
        Assert.Contains("inv_2", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("inv_1", warning, StringComparison.Ordinal);
        Assert.Contains(transition.History, h => h.Outcome == "InvoicesMissing" && h.Detail!.Contains("inv_2", StringComparison.Ordinal));
        Assert.Equal(IntacctStatus.Pending, transition.Workflow.IntacctStatus);
    }

    [Fact]
    public void ReopenInvoices_NoInvoiceFound_StillRefundedAndCompleted()
    {
        var (workflow, payment) = AtReopenInvoices();

        var transition = workflow.ReopenInvoices(payment, [], Now);

        Assert.Equal(RuntimeStatus.Completed, transition.Workflow.RuntimeStatus);
        Assert.Equal(PaymentStatus.Refunded, transition.Payment!.Status);
        Assert.Empty(transition.ChangedInvoices);
    }

    [Fact]
    public void OnPermanentError_AfterStripeRefundSucceeded_Throws()
    {
        var (workflow, payment) = AtReopenInvoices();

        Assert.Throws<InvalidOperationException>(() => workflow.OnPermanentError(new DomainError("any", "any"), payment, Now));
    }

    [Fact]
    public void ReopenInvoices_PaymentWithIntacctKey_IntacctPending()
    {
        var (workflow, payment) = AtReopenInvoices();

        var done = workflow.ReopenInvoices(payment, Invoices(), Now).Workflow;

        Assert.Equal(IntacctStatus.Pending, done.IntacctStatus);
        Assert.Equal("4711", done.IntacctArPaymentKey);
    }

    [Fact]
    public void ReopenInvoices_PaymentWithoutIntacctKey_IntacctNotApplicable()
    {
        var (workflow, payment) = AtReopenInvoices(Payment() with { IntacctArPaymentKey = null });

        var done = workflow.ReopenInvoices(payment, Invoices(), Now).Workflow;

        Assert.Equal(IntacctStatus.NotApplicable, done.IntacctStatus);
        Assert.Null(done.IntacctArPaymentKey);
    }

    [Fact]
    public void ReopenInvoices_Allocations_CompletedTerminal()
    {
        var (workflow, payment) = AtReopenInvoices();

        var done = workflow.ReopenInvoices(payment, Invoices(), Now).Workflow;

        Assert.Equal(RuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.IsTerminal);
        Assert.Equal(RefundStep.Done, done.Step);
        Assert.Equal(Now, done.CompletedAt);
        Assert.Equal(Now, done.UpdatedAt);
        Assert.Equal(workflow.Sequence + 1, done.Sequence);
        Assert.Null(done.LastError);
        Assert.Null(done.CustomStatus);
        Assert.Equal(["inv_1", "inv_2"], done.ReopenedInvoices.Select(r => r.InvoiceId).Order(StringComparer.Ordinal));
        Assert.Equal(nameof(InvoiceStatus.Unpaid), done.ReopenedInvoices.Single(r => r.InvoiceId == "inv_1").Status);
        Assert.Equal(nameof(InvoiceStatus.PartiallyPaid), done.ReopenedInvoices.Single(r => r.InvoiceId == "inv_2").Status);
    }

    [Fact]
    public void ReopenInvoices_Allocations_HistoryLineContinuesNumbering()
    {
        var (started, payment) = Started();
        var startHistory = RefundWorkflow.Start(Payment(), Request(), T0, Synced(Payment())).Value.History;
        var succeeded = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), payment, T0.AddSeconds(1), PollingPolicy.Default);

        var done = succeeded.Workflow.ReopenInvoices(payment, Invoices(), Now);

        var all = startHistory.Concat(succeeded.History).Concat(done.History).ToList();
        Assert.Equal([0, 1, 2], all.Select(h => h.Sequence));
        Assert.Equal(3, done.Workflow.HistoryCount);
        var line = Assert.Single(done.History);
        Assert.Equal("InvoicesReopened", line.Outcome);
        Assert.Equal(RefundStep.ReopenInvoices, line.Step);
        Assert.Contains("inv_1", line.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReopenInvoices_AfterTransientError_CompletedWithoutLastError()
    {
        var (workflow, payment) = AtReopenInvoices();
        var errored = workflow.OnTransientError("Table storage returned 503", Now, Now.AddSeconds(30)).Workflow;

        var done = errored.ReopenInvoices(payment, Invoices(), Now.AddSeconds(30)).Workflow;

        Assert.Equal(RuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Null(done.LastError);
    }

    [Fact]
    public void ReopenInvoices_LateFailureReversal_PaymentFailed()
    {
        var (workflow, payment) = AtReopenInvoices();
        var reversal = workflow with { Kind = WorkflowKind.LateFailureReversal };

        var transition = reversal.ReopenInvoices(payment, Invoices(), Now);

        Assert.Equal(PaymentStatus.Failed, transition.Payment?.Status);
        Assert.Equal(reversal.RefundId, transition.Payment?.ActiveRefundId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReopenInvoices_WrongStep_Throws(bool awaiting)
    {
        var (started, payment) = Started();
        var workflow = awaiting
            ? started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Pending), payment, Now, PollingPolicy.Default).Workflow
            : started;

        Assert.Throws<InvalidOperationException>(() => workflow.ReopenInvoices(payment, Invoices(), Now));
    }

    [Fact]
    public void ReopenInvoices_AlreadyCompleted_Throws()
    {
        var (workflow, payment) = AtReopenInvoices();
        var done = workflow.ReopenInvoices(payment, Invoices(), Now).Workflow;

        Assert.Throws<InvalidOperationException>(() => done.ReopenInvoices(payment, Invoices(), Now));
    }
}
