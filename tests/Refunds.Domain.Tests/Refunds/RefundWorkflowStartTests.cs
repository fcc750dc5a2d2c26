using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;
using static Refunds.Domain.Tests.Samples;

namespace Refunds.Domain.Tests.Refunds;

public class RefundWorkflowStartTests
{
    [Fact]
    public void Start_RefundablePayment_ClaimsPayment()
    {
        var payment = Payment();

        var transition = RefundWorkflow.Start(payment, Request(), T0, Synced(payment)).Value;

        Assert.NotNull(transition.Payment);
        Assert.Equal(RefundId, transition.Payment.ActiveRefundId);
        Assert.Equal(payment with { ActiveRefundId = RefundId }, transition.Payment);
        Assert.Null(payment.ActiveRefundId);
    }

    [Fact]
    public void Start_RefundablePayment_PendingAtCreateStripeRefundSequenceZero()
    {
        var workflow = RefundWorkflow.Start(Payment(), Request(), T0, Synced(Payment())).Value.Workflow;

        Assert.Equal(RuntimeStatus.Pending, workflow.RuntimeStatus);
        Assert.Equal(RefundStep.CreateStripeRefund, workflow.Step);
        Assert.Equal(0, workflow.Sequence);
        Assert.False(workflow.IsTerminal);
        Assert.Equal(T0, workflow.CreatedAt);
        Assert.Equal(T0, workflow.UpdatedAt);
        Assert.Equal(T0, workflow.DueAt);
        Assert.Null(workflow.CompletedAt);
        Assert.Null(workflow.LastError);
    }

    [Fact]
    public void Start_RefundablePayment_CopiesPaymentAndRequest()
    {
        var payment = Payment();

        var workflow = RefundWorkflow.Start(payment, Request(), T0, Synced(payment)).Value.Workflow;

        Assert.Equal(RefundId, workflow.RefundId);
        Assert.Equal(WorkflowKind.Refund, workflow.Kind);
        Assert.Equal(payment.OrganizationId, workflow.OrganizationId);
        Assert.Equal(payment.PaymentId, workflow.PaymentId);
        Assert.Equal(payment.Amount, workflow.Amount);
        Assert.Equal(payment.StripePaymentIntentId, workflow.StripePaymentIntentId);
        Assert.Equal(payment.ConnectedAccountId, workflow.ConnectedAccountId);
        Assert.Equal(payment.IntacctArPaymentKey, workflow.IntacctArPaymentKey);
        Assert.Equal(RefundReason.RequestedByCustomer, workflow.Reason);
        Assert.Equal("Customer paid twice", workflow.Comment);
        Assert.Equal("admin@example.com", workflow.RequestedBy);
    }

    [Fact]
    public void Start_RefundablePayment_OneStartedHistoryLine()
    {
        var transition = RefundWorkflow.Start(Payment(), Request(), T0, Synced(Payment())).Value;

        var line = Assert.Single(transition.History);
        Assert.Equal(0, line.Sequence);
        Assert.Equal(RefundStep.CreateStripeRefund, line.Step);
        Assert.Equal(T0, line.At);
        Assert.Equal("Started", line.Outcome);
        Assert.Contains("admin@example.com", line.Detail, StringComparison.Ordinal);
        Assert.Equal(1, transition.Workflow.HistoryCount);
        Assert.Empty(transition.ChangedInvoices);
    }

    [Fact]
    public void Start_SameRefundId_SameIdempotencyKey()
    {
        var first = RefundWorkflow.Start(Payment(), Request(), T0, Synced(Payment())).Value.Workflow;
        var later = RefundWorkflow.Start(Payment(), Request(), T0.AddDays(3), Synced(Payment())).Value.Workflow;
        var other = RefundWorkflow.Start(Payment(), Request("rf_other"), T0, Synced(Payment())).Value.Workflow;

        Assert.Equal(first.StripeIdempotencyKey, later.StripeIdempotencyKey);
        Assert.Contains(RefundId, first.StripeIdempotencyKey, StringComparison.Ordinal);
        Assert.NotEqual(first.StripeIdempotencyKey, other.StripeIdempotencyKey);
    }

    [Theory]
    [InlineData(PaymentStatus.Refunded, null, PaymentSource.OnlinePortal, "payment_already_refunded")]
    [InlineData(PaymentStatus.Succeeded, "rf_other", PaymentSource.OnlinePortal, "refund_in_progress")]
    [InlineData(PaymentStatus.Pending, null, PaymentSource.OnlinePortal, "payment_not_succeeded")]
    [InlineData(PaymentStatus.Failed, null, PaymentSource.OnlinePortal, "payment_not_succeeded")]
    [InlineData(PaymentStatus.Succeeded, null, PaymentSource.Other, "payment_not_online")]
    public void Start_NotRefundable_ErrorAndNoTransition(PaymentStatus status, string? activeRefundId, PaymentSource source, string code)
    {
        var payment = Payment() with { Status = status, ActiveRefundId = activeRefundId, Source = source };

        var result = RefundWorkflow.Start(payment, Request(), T0, Synced(payment));

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error?.Code);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void Start_AllocatedInvoiceNotSynced_InvoicesNotSyncedNamingOnlyTheMissing()
    {
        var payment = Payment();

        var result = RefundWorkflow.Start(payment, Request(), T0, new HashSet<string>(["inv_1"], StringComparer.Ordinal));

        Assert.Equal("invoices_not_synced", result.Error?.Code);
        Assert.Contains("inv_2", result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inv_1", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AlreadyRefundedAndInvoiceNotSynced_AlreadyRefundedWins()
    {
        var payment = Payment() with { Status = PaymentStatus.Refunded, ActiveRefundId = "rf_done" };

        var result = RefundWorkflow.Start(payment, Request(), T0, new HashSet<string>(StringComparer.Ordinal));

        Assert.Equal("payment_already_refunded", result.Error?.Code);
    }
}
