using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Domain.Reconciliation;

/// <summary>
/// What the ledger holds about the payment a Stripe refund belongs to, as a reconciliation read it.
/// </summary>
/// <param name="Payment">The payment, when it was read (it is not needed for a refund of ours that records the Stripe refund).</param>
/// <param name="Refund">
/// Our refund the Stripe refund names in its metadata; for a refund without our metadata, the one recorded for it
/// outside this service, else the refund holding the payment. Null when there is none.
/// </param>
public sealed record LedgerSide(string OrganizationId, string PaymentId, Payment? Payment, RefundWorkflow? Refund);
