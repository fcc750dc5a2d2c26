using System.Text.Json.Serialization;
using Refunds.Application.Reads;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Http.Features.Listing;
using Refunds.Http.Features.Sync;

namespace Refunds.Http.Features.Reads;

/// <summary>The PUT body's fields as the ledger holds them, plus the payment's refund (the one that holds it) and where to list its refunds.</summary>
public sealed record PaymentResponse(
    string OrganizationId,
    string PaymentId,
    string StripePaymentIntentId,
    string ConnectedAccountId,
    long Amount,
    string Currency,
    string Status,
    string Source,
    DateTimeOffset PaidAt,
    IReadOnlyList<AllocationBody> Allocations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? IntacctArPaymentKey,
    string PaymentMethod,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RefundListItem? Refund,
    string RefundsUrl)
{
    public static PaymentResponse From(PaymentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var p = view.Payment;
        return new PaymentResponse(
            p.OrganizationId,
            p.PaymentId,
            p.StripePaymentIntentId,
            p.ConnectedAccountId,
            p.Amount.MinorUnits,
            p.Amount.Currency,
            PaymentBody.TextOf(p.Status),
            PaymentBody.TextOf(p.Source),
            p.PaidAt,
            p.Allocations.Select(a => new AllocationBody(a.InvoiceId, a.AmountMinor)).ToList(),
            p.IntacctArPaymentKey,
            PaymentBody.TextOf(p.Method),
            view.Refund is { } refund ? RefundListItem.From(refund) : null,
            $"/api/organizations/{p.OrganizationId}/refunds?paymentId={p.PaymentId}");
    }
}

/// <param name="Status">Derived: <c>Unpaid</c>, <c>PartiallyPaid</c>, <c>Paid</c> or <c>Void</c>.</param>
public sealed record InvoiceResponse(
    string OrganizationId,
    string InvoiceId,
    long Amount,
    string Currency,
    long PaidAmount,
    bool InDispute,
    bool InCollections,
    bool Void,
    string Status)
{
    public static InvoiceResponse From(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new InvoiceResponse(
            invoice.OrganizationId,
            invoice.InvoiceId,
            invoice.Amount.MinorUnits,
            invoice.Amount.Currency,
            invoice.PaidAmountMinor,
            invoice.InDispute,
            invoice.InCollections,
            invoice.Status == InvoiceStatus.Void,
            invoice.Status.ToString());
    }
}

/// <param name="RefundedAmount">As in the PUT body: what the platform says was refunded from the memo outside this service.</param>
/// <param name="RefundedHereAmount">What refunds completed here took from the memo.</param>
/// <param name="TotalRefundedAmount">Both together (the status API's <c>linkedTo.refundedAmount</c>).</param>
/// <param name="ReservedAmount">What refunds still running here hold on the memo.</param>
/// <param name="RemainingAmount">What a new refund may still link to.</param>
/// <param name="Status"><c>Open</c>, or <c>Refunded</c> once fully refunded.</param>
public sealed record CreditMemoResponse(
    string OrganizationId,
    string CreditMemoId,
    long Amount,
    string Currency,
    string InvoiceId,
    long RefundedAmount,
    long RefundedHereAmount,
    long TotalRefundedAmount,
    long ReservedAmount,
    long RemainingAmount,
    string Status)
{
    public static CreditMemoResponse From(CreditMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return new CreditMemoResponse(
            memo.OrganizationId,
            memo.CreditMemoId,
            memo.Amount.MinorUnits,
            memo.Amount.Currency,
            memo.InvoiceId,
            memo.RefundedAmountMinor,
            memo.RefundedHereMinor,
            memo.TotalRefundedMinor,
            memo.ReservedMinor,
            memo.RemainingMinor,
            memo.Status.ToString());
    }
}

/// <param name="Configured">False when the platform never set them: the others are then the defaults in force.</param>
public sealed record SettingsResponse(string OrganizationId, string RefundRecording, bool ExportsToIntacct, bool Configured)
{
    public static SettingsResponse From(SettingsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new SettingsResponse(view.Settings.OrganizationId, SettingsBody.TextOf(view.Settings.RefundRecording), view.Settings.ExportsToIntacct, view.Configured);
    }
}
