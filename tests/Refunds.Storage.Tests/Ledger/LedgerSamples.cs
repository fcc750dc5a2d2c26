using Refunds.Domain.Common;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Storage.Tests.Ledger;

/// <summary>Values with every field set to something other than its default, so a dropped column shows.</summary>
internal static class LedgerSamples
{
    // Sub-millisecond ticks and a non-UTC offset: the store must keep the instant to the tick.
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_979);

    public static Payment Payment(string organizationId = "org_1", string paymentId = "pay_1") => new()
    {
        OrganizationId = organizationId,
        PaymentId = paymentId,
        StripePaymentIntentId = "pi_3Qx",
        ConnectedAccountId = "acct_1Abc",
        Amount = new Money(123_456_789_012, "JPY"),
        Status = PaymentStatus.Succeeded,
        Source = PaymentSource.OnlinePortal,
        PaidAt = T0,
        Allocations = [new InvoiceAllocation("inv_1", 100), new InvoiceAllocation("inv_2", 123_456_788_912)],
        IntacctArPaymentKey = "4711",
        ActiveRefundId = "rf_active",
        Method = PaymentMethod.SepaDebit,
    };

    public static Invoice Invoice(string organizationId = "org_1", string invoiceId = "inv_1") => new()
    {
        OrganizationId = organizationId,
        InvoiceId = invoiceId,
        Amount = new Money(5_000, "EUR"),
        PaidAmountMinor = 1_250,
        Status = InvoiceStatus.PartiallyPaid,
        InDispute = true,
        InCollections = true,
    };

    public static RefundWorkflow Workflow(string organizationId = "org_1", string refundId = "rf_1") => new()
    {
        RefundId = refundId,
        OrganizationId = organizationId,
        PaymentId = "pay_1",
        Kind = WorkflowKind.LateFailureReversal,
        Amount = new Money(9_999, "USD"),
        StripePaymentIntentId = "pi_3Qx",
        ConnectedAccountId = "acct_1Abc",
        Reason = RefundReason.Fraudulent,
        Comment = "Customer called; \"quotes\" and 'apostrophes' & ümlauts",
        RequestedBy = "admin@example.com",
        RuntimeStatus = RuntimeStatus.Waiting,
        Step = RefundStep.AwaitStripeRefund,
        Sequence = 7,
        CreatedAt = T0,
        UpdatedAt = T0.AddMinutes(1),
        DueAt = T0.AddMinutes(2),
        StripeRefundId = "re_1",
        StripeRefundStatus = StripeRefundStatus.RequiresAction,
        PollAttempts = 3,
        CustomStatus = "Stripe holds the refund as pending (insufficient_funds).",
        LastError = new WorkflowError(RefundStep.CreateStripeRefund, T0.AddSeconds(30), "Stripe unavailable"),
        IntacctStatus = IntacctStatus.Failed,
        IntacctArPaymentKey = "4711",
        ReopenedInvoices = [new ReopenedInvoice("inv_1", 100, "PartiallyPaid", true), new ReopenedInvoice("inv_2", 5, "Unpaid", false)],
        CompletedAt = T0.AddHours(1),
        HistoryCount = 12,
        CreateAttempt = 2,
        FundsWait = new FundsWait(new Money(-1_500, "USD"), new Money(70_000, "USD"), T0.AddMinutes(3), T0.AddDays(7)),
        Warnings = ["Invoices not found: inv_9; \"quoted\" & ümlaut", "second"],
        IntacctDueAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
        IntacctAttempts = 3,
        IntacctRetries = 2,
        IntacctError = new IntacctError("BL03000136", "The period is closed.", new DateTimeOffset(2026, 3, 4, 5, 0, 0, TimeSpan.Zero)),
        LinkedCreditMemoId = "cm_1",
    };

    /// <summary>Only the required fields: every optional one at its default.</summary>
    public static RefundWorkflow MinimalWorkflow(string organizationId = "org_1", string refundId = "rf_min") => new()
    {
        RefundId = refundId,
        OrganizationId = organizationId,
        PaymentId = "pay_1",
        Kind = WorkflowKind.Refund,
        Amount = new Money(1, "USD"),
        StripePaymentIntentId = "pi_1",
        ConnectedAccountId = "acct_1",
        RequestedBy = "admin",
        RuntimeStatus = RuntimeStatus.Pending,
        Step = RefundStep.CreateStripeRefund,
        Sequence = 0,
        CreatedAt = T0,
        UpdatedAt = T0,
        DueAt = T0,
    };

    public static HistoryEntry History(int sequence) =>
        new(sequence, RefundStep.AwaitStripeRefund, T0.AddSeconds(sequence), $"Outcome{sequence}", sequence % 2 == 0 ? null : $"detail {sequence}");
}
