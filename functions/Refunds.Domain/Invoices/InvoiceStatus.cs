namespace Refunds.Domain.Invoices;

public enum InvoiceStatus
{
    Unpaid,
    PartiallyPaid,
    Paid,
    Void,
}
