using Microsoft.Extensions.Options;
using Refunds.Application.Listing;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Reads;

/// <param name="Refund">The refund that holds the payment (running, or completed), or null when none does.</param>
public sealed record PaymentView(Payment Payment, ListedRefund? Refund);

/// <param name="Configured">False when the platform never set them: <see cref="Settings"/> are then the defaults.</param>
public sealed record SettingsView(OrganizationSettings Settings, bool Configured);

/// <summary>What the platform synced, read back from the organization's partition; another organization's ids are simply not there.</summary>
public sealed class LedgerReads(ILedgerStore ledger, TimeProvider time, IOptions<WorkflowOptions> options)
{
    public async Task<PaymentView?> GetPaymentAsync(string organizationId, string paymentId, CancellationToken cancellationToken)
    {
        if (await ledger.GetPaymentAsync(organizationId, paymentId, cancellationToken) is not { } payment)
        {
            return null;
        }

        var refund = payment.Value.ActiveRefundId is { } refundId
            ? await ledger.GetWorkflowAsync(organizationId, refundId, cancellationToken)
            : null;
        if (refund is null)
        {
            return new PaymentView(payment.Value, null);
        }

        var summary = RefundSummary.Of(refund.Value);
        return new PaymentView(payment.Value, new ListedRefund(summary, summary.Attention(time.GetUtcNow(), options.Value.StallGrace)));
    }

    public async Task<Invoice?> GetInvoiceAsync(string organizationId, string invoiceId, CancellationToken cancellationToken) =>
        (await ledger.GetInvoiceAsync(organizationId, invoiceId, cancellationToken))?.Value;

    public async Task<CreditMemo?> GetCreditMemoAsync(string organizationId, string creditMemoId, CancellationToken cancellationToken) =>
        (await ledger.GetCreditMemoAsync(organizationId, creditMemoId, cancellationToken))?.Value;

    public async Task<SettingsView> GetSettingsAsync(string organizationId, CancellationToken cancellationToken) =>
        await ledger.GetSettingsAsync(organizationId, cancellationToken) is { } stored
            ? new SettingsView(stored.Value, Configured: true)
            : new SettingsView(OrganizationSettings.Default(organizationId), Configured: false);
}
