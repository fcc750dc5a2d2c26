using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;

namespace Refunds.Http.Features.Sync;

public sealed record CreditMemoBody(long Amount, string? Currency, string? InvoiceId, long RefundedAmount)
{
    /// <summary>The same rules as an invoice's: bounded amounts, an active ISO currency, a safe invoice id; every problem at once.</summary>
    public (CreditMemo? CreditMemo, Dictionary<string, string[]> Errors) ToCreditMemo(string organizationId, string creditMemoId)
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

        if (!Ids.IsValid(InvoiceId))
        {
            errors["invoiceId"] = ["invoiceId must be 1-64 characters of letters, digits, '_' or '-'."];
        }

        if (RefundedAmount < 0 || RefundedAmount > Amount)
        {
            errors["refundedAmount"] = ["refundedAmount must be between 0 and amount."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CreditMemo
        {
            OrganizationId = organizationId,
            CreditMemoId = creditMemoId,
            InvoiceId = InvoiceId!,
            Amount = new Money(Amount, Currency!),
            RefundedAmountMinor = RefundedAmount,
        }, errors);
    }
}
