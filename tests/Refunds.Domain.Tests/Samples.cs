using Refunds.Domain.Common;
using Refunds.Domain.Invoices;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Domain.Tests;

/// <summary>Fixed sample data; every time is a constant so no test depends on the clock.</summary>
internal static class Samples
{
    public const string OrganizationId = "org_1";
    public const string RefundId = "rf_0f8fad5bd9cb469fa16570867728950e";

    public static readonly DateTimeOffset PaidAt = new(2026, 2, 20, 15, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Payment Payment(params InvoiceAllocation[] allocations) => new()
    {
        OrganizationId = OrganizationId,
        PaymentId = "pay_1",
        StripePaymentIntentId = "pi_1",
        ConnectedAccountId = "acct_1",
        Amount = new Money(15_000, "USD"),
        Status = PaymentStatus.Succeeded,
        Source = PaymentSource.OnlinePortal,
        PaidAt = PaidAt,
        Allocations = allocations.Length == 0
            ? [new InvoiceAllocation("inv_1", 10_000), new InvoiceAllocation("inv_2", 5_000)]
            : allocations,
        IntacctArPaymentKey = "4711",
    };

    public static Invoice Invoice(string id, long total, long paid, bool inDispute = false) => new()
    {
        OrganizationId = OrganizationId,
        InvoiceId = id,
        Amount = new Money(total, "USD"),
        PaidAmountMinor = paid,
        Status = Domain.Invoices.Invoice.StatusFor(paid, total),
        InDispute = inDispute,
        InCollections = false,
    };

    /// <summary>Every invoice the payment is allocated to, as a ledger that has synced them all knows them.</summary>
    public static IReadOnlySet<string> Synced(Payment payment) =>
        payment.Allocations.Select(a => a.InvoiceId).ToHashSet(StringComparer.Ordinal);

    public static StartRefundRequest Request(string refundId = RefundId) =>
        new(refundId, RefundReason.RequestedByCustomer, "Customer paid twice", "admin@example.com");

    public static AccountBalance Balance(long availableMinor, long pendingMinor = 0) =>
        new(new Money(availableMinor, "USD"), new Money(pendingMinor, "USD"));

    /// <summary>A freshly started workflow and the payment it claimed.</summary>
    public static (RefundWorkflow Workflow, Payment Payment) Started(Payment? payment = null)
    {
        var transition = RefundWorkflow.Start(payment ?? Payment(), Request(), T0, Synced(payment ?? Payment())).Value;
        return (transition.Workflow, transition.Payment!);
    }

    /// <summary>A workflow whose Stripe refund succeeded, ready to reopen invoices.</summary>
    public static (RefundWorkflow Workflow, Payment Payment) AtReopenInvoices(Payment? payment = null)
    {
        var (started, claimed) = Started(payment);
        var succeeded = started.OnStripeRefund(new StripeRefundSnapshot("re_1", StripeRefundStatus.Succeeded), claimed, T0.AddSeconds(1), PollingPolicy.Default);
        return (succeeded.Workflow, claimed);
    }
}
