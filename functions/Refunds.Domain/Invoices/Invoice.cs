using Refunds.Domain.Common;

namespace Refunds.Domain.Invoices;

public sealed record Invoice
{
    public required string OrganizationId { get; init; }
    public required string InvoiceId { get; init; }
    public required Money Amount { get; init; }
    public required long PaidAmountMinor { get; init; }
    public required InvoiceStatus Status { get; init; }
    public bool InDispute { get; init; }
    public bool InCollections { get; init; }

    /// <summary>
    /// Takes back money that had settled this invoice. A disputed invoice stays out of collections:
    /// chasing a customer over an amount they contest is what the dispute flag exists to prevent.
    /// </summary>
    public Invoice Reopen(long amountMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinor);
        var paid = Math.Max(0, PaidAmountMinor - amountMinor);

        // A void invoice is owed by nobody: it records the money leaving but never goes to collections.
        return Status == InvoiceStatus.Void
            ? this with { PaidAmountMinor = paid, InCollections = false }
            : this with
            {
                PaidAmountMinor = paid,
                Status = StatusFor(paid, Amount.MinorUnits),
                InCollections = !InDispute && paid < Amount.MinorUnits,
            };
    }

    public static InvoiceStatus StatusFor(long paidMinor, long totalMinor) =>
        paidMinor <= 0 ? InvoiceStatus.Unpaid
        : paidMinor < totalMinor ? InvoiceStatus.PartiallyPaid
        : InvoiceStatus.Paid;
}
