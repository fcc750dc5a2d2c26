using Refunds.Domain.Payments;

namespace Refunds.Domain.CreditMemos;

/// <summary>Which credit memo, if any, a refund of a payment links to in an organization that records refunds on credit memos.</summary>
public static class CreditMemoChoice
{
    /// <summary>
    /// A memo crediting an invoice the payment is still allocated to, in the payment's currency, whose remaining amount
    /// covers the whole refund. Among several, the one with the least remaining (the tightest fit keeps larger memos
    /// for larger refunds), then the lowest id in ordinal order, so the same ledger always gives the same choice.
    /// Null means the refund links to the payment. A payment exported to Intacct always links to the payment: Intacct
    /// records a refund of it as the reversal of that AR payment.
    /// </summary>
    public static CreditMemo? For(Payment payment, IEnumerable<CreditMemo> creditMemos)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(creditMemos);
        if (payment.IntacctArPaymentKey is not null)
        {
            return null;
        }

        var applied = payment.Allocations.Select(a => a.InvoiceId).ToHashSet(StringComparer.Ordinal);
        return creditMemos
            .Where(m => applied.Contains(m.InvoiceId)
                && m.Amount.Currency == payment.Amount.Currency
                && m.RemainingMinor >= payment.Amount.MinorUnits)
            .OrderBy(m => m.RemainingMinor)
            .ThenBy(m => m.CreditMemoId, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
