using Refunds.Domain.Common;

namespace Refunds.Domain.Organizations;

/// <summary>What a completed refund is recorded against.</summary>
public enum RefundRecording
{
    /// <summary>The payment is reversed: its invoices go back to unpaid (and into collections).</summary>
    Payment,

    /// <summary>A credit memo crediting an invoice the payment settled absorbs the refund; the invoices stay settled.</summary>
    CreditMemo,
}

/// <summary>How an organization's integration records refunds, set by the platform (role Sync).</summary>
public sealed record OrganizationSettings(string OrganizationId, RefundRecording RefundRecording, bool ExportsToIntacct)
{
    /// <summary>An organization the platform never configured records refunds as payment reversals.</summary>
    public static OrganizationSettings Default(string organizationId) => new(organizationId, RefundRecording.Payment, ExportsToIntacct: false);

    /// <summary>
    /// An organization whose payments are exported to Sage Intacct records refunds as reversals of those AR payments,
    /// so it cannot record them on credit memos.
    /// </summary>
    public static Result<OrganizationSettings> Create(string organizationId, RefundRecording recording, bool exportsToIntacct) =>
        recording == RefundRecording.CreditMemo && exportsToIntacct
            ? new DomainError(
                "credit_memo_not_allowed_with_intacct",
                "This organization's payments are exported to Sage Intacct, which records a refund as the reversal of the AR payment; refunds cannot be recorded on credit memos.")
            : new OrganizationSettings(organizationId, recording, exportsToIntacct);
}
