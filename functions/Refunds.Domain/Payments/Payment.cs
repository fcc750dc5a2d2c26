using Refunds.Domain.Common;

namespace Refunds.Domain.Payments;

public sealed record Payment
{
    public required string OrganizationId { get; init; }
    public required string PaymentId { get; init; }
    public required string StripePaymentIntentId { get; init; }
    public required string ConnectedAccountId { get; init; }
    public required Money Amount { get; init; }
    public required PaymentStatus Status { get; init; }
    public required PaymentSource Source { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
    public IReadOnlyList<InvoiceAllocation> Allocations { get; init; } = [];

    public PaymentMethod Method { get; init; } = PaymentMethod.Other;

    /// <summary>ACH and SEPA debits can be reversed by the bank after they succeeded (a "late failure").</summary>
    public bool IsBankDebit => Method is PaymentMethod.AchDebit or PaymentMethod.SepaDebit;

    /// <summary>Intacct ARPYMT record number; null when the payment was never exported.</summary>
    public string? IntacctArPaymentKey { get; init; }

    /// <summary>
    /// The refund workflow that claimed this payment, set atomically with the workflow's creation. It stays
    /// after the refund completes (so a second attempt can link to it) and is cleared only when that refund failed.
    /// </summary>
    public string? ActiveRefundId { get; init; }

    /// <summary>The allocated invoices missing from <paramref name="knownInvoiceIds"/>, each once, in allocation order.</summary>
    public IReadOnlyList<string> UnsyncedInvoices(IReadOnlySet<string> knownInvoiceIds) =>
        Allocations.Select(a => a.InvoiceId).Where(id => !knownInvoiceIds.Contains(id)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Why a new refund cannot start, or null when it can.</summary>
    public DomainError? CheckRefundable()
    {
        if (Status == PaymentStatus.Refunded)
        {
            return new DomainError("payment_already_refunded", "The payment has already been refunded.");
        }

        // A bank debit that failed late keeps the link to its reversal; what matters to the admin is that it failed.
        if (ActiveRefundId is not null && Status != PaymentStatus.Failed)
        {
            return new DomainError("refund_in_progress", "A refund of this payment is already in progress.");
        }

        if (Status != PaymentStatus.Succeeded)
        {
            return new DomainError("payment_not_succeeded", $"Only succeeded payments can be refunded; this one is {Status}.");
        }

        if (Source != PaymentSource.OnlinePortal)
        {
            return new DomainError("payment_not_online", "Only payments made online through the portal can be refunded here.");
        }

        return null;
    }
}
