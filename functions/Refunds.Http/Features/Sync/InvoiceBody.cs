using Refunds.Domain.Common;
using Refunds.Domain.Invoices;

namespace Refunds.Http.Features.Sync;

public sealed record InvoiceBody(long Amount, string? Currency, long PaidAmount, bool InDispute, bool InCollections, bool Void)
{
    public (Invoice? Invoice, Dictionary<string, string[]> Errors) ToInvoice(string organizationId, string invoiceId)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ChargeAmount.IsValid(Amount))
        {
            errors["amount"] = [$"amount must be a positive number of minor units, at most {ChargeAmount.MaxMinorUnits}."];
        }

        if (!Currencies.IsActive(Currency))
        {
            errors["currency"] = ["currency must be an active ISO 4217 currency code."];
        }

        if (PaidAmount < 0 || PaidAmount > Amount)
        {
            errors["paidAmount"] = ["paidAmount must be between 0 and amount."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Invoice
        {
            OrganizationId = organizationId,
            InvoiceId = invoiceId,
            Amount = new Money(Amount, Currency!),
            PaidAmountMinor = PaidAmount,
            Status = Void ? InvoiceStatus.Void : Invoice.StatusFor(PaidAmount, Amount),
            InDispute = InDispute,
            InCollections = InCollections,
        }, errors);
    }
}
