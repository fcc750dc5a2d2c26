using Refunds.Domain.Common;
using Refunds.Domain.Payments;

namespace Refunds.Http.Features.Sync;

public sealed record AllocationBody(string? InvoiceId, long Amount);

public sealed record PaymentBody(
    string? StripePaymentIntentId,
    string? ConnectedAccountId,
    long Amount,
    string? Currency,
    string? Status,
    string? Source,
    DateTimeOffset? PaidAt,
    IReadOnlyList<AllocationBody>? Allocations,
    string? IntacctArPaymentKey,
    string? PaymentMethod = null)
{
    public const int MaxAllocations = 90;

    private static readonly Dictionary<string, PaymentStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["pending"] = PaymentStatus.Pending,
        ["succeeded"] = PaymentStatus.Succeeded,
        ["failed"] = PaymentStatus.Failed,
        ["refunded"] = PaymentStatus.Refunded,
    };

    /// <summary>Stripe's payment method type names; absent means "not told" (a late failure then reopens nothing).</summary>
    private static readonly Dictionary<string, PaymentMethod> Methods = new(StringComparer.Ordinal)
    {
        ["card"] = Domain.Payments.PaymentMethod.Card,
        ["us_bank_account"] = Domain.Payments.PaymentMethod.AchDebit,
        ["sepa_debit"] = Domain.Payments.PaymentMethod.SepaDebit,
        ["other"] = Domain.Payments.PaymentMethod.Other,
    };

    private static readonly Dictionary<string, PaymentSource> Sources = new(StringComparer.Ordinal)
    {
        ["online_portal"] = PaymentSource.OnlinePortal,
        ["other"] = PaymentSource.Other,
    };

    /// <summary>The body's word for a stored status, source or method: what a GET answers.</summary>
    public static string TextOf(PaymentStatus status) => Statuses.First(s => s.Value == status).Key;

    public static string TextOf(PaymentSource source) => Sources.First(s => s.Value == source).Key;

    public static string TextOf(PaymentMethod method) => Methods.First(m => m.Value == method).Key;

    /// <summary>Validates every field and builds the payment, or returns every problem at once.</summary>
    public (Payment? Payment, Dictionary<string, string[]> Errors) ToPayment(string organizationId, string paymentId)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "stripePaymentIntentId", StripePaymentIntentId, "pi_");
        Require(errors, "connectedAccountId", ConnectedAccountId, "acct_");
        if (!ChargeAmount.IsValid(Amount))
        {
            errors["amount"] = [$"amount must be a positive number of minor units, at most {ChargeAmount.MaxMinorUnits}."];
        }

        if (!Currencies.IsActive(Currency))
        {
            errors["currency"] = ["currency must be an active ISO 4217 currency code."];
        }

        if (Status is null || !Statuses.TryGetValue(Status, out var status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", Statuses.Keys)}."];
        }

        if (Source is null || !Sources.TryGetValue(Source, out var source))
        {
            errors["source"] = [$"source must be one of {string.Join(", ", Sources.Keys)}."];
        }

        if (PaidAt is null)
        {
            errors["paidAt"] = ["paidAt is required."];
        }

        var allocations = Allocations ?? [];
        if (AllocationErrors(allocations) is { } allocationErrors)
        {
            errors["allocations"] = allocationErrors;
        }

        if (IntacctArPaymentKey is not null && !Ids.IsValid(IntacctArPaymentKey))
        {
            errors["intacctArPaymentKey"] = ["intacctArPaymentKey must be 1-64 characters of letters, digits, '_' or '-'."];
        }

        if (PaymentMethod is not null && !Methods.ContainsKey(PaymentMethod))
        {
            errors["paymentMethod"] = [$"paymentMethod must be one of {string.Join(", ", Methods.Keys)}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Payment
        {
            OrganizationId = organizationId,
            PaymentId = paymentId,
            StripePaymentIntentId = StripePaymentIntentId!,
            ConnectedAccountId = ConnectedAccountId!,
            Amount = new Money(Amount, Currency!),
            Status = Statuses[Status!],
            Source = Sources[Source!],
            PaidAt = PaidAt!.Value,
            Allocations = allocations.Select(a => new InvoiceAllocation(a.InvoiceId!, a.Amount)).ToList(),
            IntacctArPaymentKey = IntacctArPaymentKey,
            Method = PaymentMethod is null ? Domain.Payments.PaymentMethod.Other : Methods[PaymentMethod],
        }, errors);
    }

    /// <summary>
    /// Each allocation is bounded before anything is added up, so the sum cannot overflow; the sum is still checked
    /// arithmetic in case a bound is ever loosened. A repeated invoice is refused rather than merged: the Sync client
    /// that sent it has a bug we want to see.
    /// </summary>
    private string[]? AllocationErrors(IReadOnlyList<AllocationBody> allocations)
    {
        if (allocations.Count > MaxAllocations)
        {
            return [$"A payment may settle at most {MaxAllocations} invoices."];
        }

        if (allocations.Any(a => a is null || !Ids.IsValid(a.InvoiceId) || !ChargeAmount.IsValid(a.Amount)))
        {
            return [$"Each allocation needs a valid invoiceId and a positive amount of at most {ChargeAmount.MaxMinorUnits}."];
        }

        var repeated = allocations.GroupBy(a => a.InvoiceId!, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            return [$"Each invoice may appear once in allocations; repeated: {string.Join(", ", repeated)}."];
        }

        var total = allocations.Aggregate(0L, (sum, a) => checked(sum + a.Amount));
        return total > Amount ? ["Allocations may not add up to more than the payment amount."] : null;
    }

    private static void Require(Dictionary<string, string[]> errors, string name, string? value, string prefix)
    {
        if (!Ids.IsValid(value) || !value!.StartsWith(prefix, StringComparison.Ordinal))
        {
            errors[name] = [$"{name} must be a Stripe id starting with '{prefix}'."];
        }
    }
}
