using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// Payments, invoices, workflow instances and their history for one organization live in one partition,
/// so any set of them (at most 100 rows) commits atomically.
/// </summary>
public interface ILedgerStore
{
    Task<Versioned<Payment>?> GetPaymentAsync(string organizationId, string paymentId, CancellationToken cancellationToken);

    Task<Versioned<Invoice>?> GetInvoiceAsync(string organizationId, string invoiceId, CancellationToken cancellationToken);

    Task<Versioned<CreditMemo>?> GetCreditMemoAsync(string organizationId, string creditMemoId, CancellationToken cancellationToken);

    /// <summary>The organization's credit memos that credit <paramref name="invoiceId"/>.</summary>
    Task<IReadOnlyList<Versioned<CreditMemo>>> FindCreditMemosAsync(string organizationId, string invoiceId, CancellationToken cancellationToken);

    /// <summary>The organization's settings; null when the platform never set them.</summary>
    Task<Versioned<OrganizationSettings>?> GetSettingsAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>Which of the organization's payments holds Intacct AR payment <paramref name="arPaymentKey"/>; null when none.</summary>
    Task<Versioned<ArPaymentClaim>?> GetArPaymentClaimAsync(string organizationId, string arPaymentKey, CancellationToken cancellationToken);

    Task<Versioned<RefundWorkflow>?> GetWorkflowAsync(string organizationId, string refundId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string organizationId, string refundId, CancellationToken cancellationToken);

    /// <summary>Commits all writes of one organization atomically, or none of them.</summary>
    Task<CommitOutcome> CommitAsync(string organizationId, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken);

    /// <summary>Non-terminal workflows, in any organization, whose next step was due before <paramref name="dueBefore"/>.</summary>
    IAsyncEnumerable<Versioned<RefundWorkflow>> FindStalledAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>Waiting workflows, in any organization, that refund a payment of <paramref name="connectedAccountId"/>.</summary>
    IAsyncEnumerable<Versioned<RefundWorkflow>> FindWaitingAsync(string connectedAccountId, CancellationToken cancellationToken);
}
