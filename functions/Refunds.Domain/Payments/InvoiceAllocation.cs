namespace Refunds.Domain.Payments;

/// <summary>The part of a payment that settled one invoice, in the payment's currency minor units.</summary>
public sealed record InvoiceAllocation(string InvoiceId, long AmountMinor);
