using Refunds.Domain.Common;
using Refunds.Domain.Payments;

namespace Refunds.Domain.Refunds;

/// <summary>
/// The Sage Intacct reversal of the original AR payment. It is queued once the money and invoices are settled
/// and tracked beside the workflow's own status: a books problem never turns a finished refund back into a
/// running one, and ops can re-run a failed reversal by hand.
/// </summary>
public sealed partial record RefundWorkflow
{
    /// <summary>When the next reversal attempt is due; the reconciler starts the reversal of a record left well past it.</summary>
    public DateTimeOffset? IntacctDueAt { get; init; }

    public int IntacctAttempts { get; init; }

    /// <summary>How many times ops asked for the reversal again; each retry runs in an orchestration instance of its own.</summary>
    public int IntacctRetries { get; init; }

    /// <summary>Intacct's own error number and text from the last failed attempt.</summary>
    public IntacctError? IntacctError { get; init; }

    public bool IntacctPending => IntacctStatus == IntacctStatus.Pending;

    /// <summary>The same control id on every attempt lets Intacct recognise a resend (uniqueid=true).</summary>
    public string IntacctControlId => $"refunds-{RefundId}-reverse";

    /// <summary>
    /// The reversal to ask Intacct for: dated the day the refund (or late failure) was settled, never before
    /// the payment date, because Intacct refuses a reversal dated before its payment.
    /// </summary>
    public IntacctReversalPlan PlanIntacctReversal(Payment payment)
    {
        EnsureIntacctPending();
        var settled = DateOnly.FromDateTime((CompletedAt ?? UpdatedAt).UtcDateTime);
        var paid = DateOnly.FromDateTime(payment.PaidAt.UtcDateTime);
        var description = Kind == WorkflowKind.Refund
            ? $"Refund {RefundId} of payment {PaymentId} (Stripe {StripeRefundId})"
            : $"Late payment failure of payment {PaymentId} (workflow {RefundId})";
        return new IntacctReversalPlan(IntacctArPaymentKey!, IntacctControlId, settled < paid ? paid : settled, description);
    }

    public Transition OnIntacctReversed(bool wasDuplicate, DateTimeOffset now)
    {
        EnsureIntacctPending();
        var done = this with
        {
            IntacctStatus = IntacctStatus.Succeeded,
            IntacctError = null,
            IntacctDueAt = null,
            IntacctAttempts = IntacctAttempts + 1,
            UpdatedAt = now,
        };
        return done.Record(RefundStep.ReverseInIntacct, now, "IntacctReversed", wasDuplicate ? "confirmed as already reversed" : IntacctArPaymentKey)
            .ToTransition();
    }

    /// <summary>Intacct refused for a business reason: retrying alone will not help, so ops see it and decide.</summary>
    public Transition OnIntacctFailed(string errorNumber, string description, DateTimeOffset now)
    {
        EnsureIntacctPending();
        var failed = this with
        {
            IntacctStatus = IntacctStatus.Failed,
            IntacctError = new IntacctError(errorNumber, description, now),
            IntacctDueAt = null,
            IntacctAttempts = IntacctAttempts + 1,
            UpdatedAt = now,
        };
        return failed.Record(RefundStep.ReverseInIntacct, now, "IntacctFailed", $"{errorNumber}: {description}").ToTransition();
    }

    /// <summary>Intacct could not be reached; the attempt is recorded and the orchestration retries it at the due time.</summary>
    public Transition OnIntacctUnavailable(string message, DateTimeOffset now, DateTimeOffset retryAt)
    {
        EnsureIntacctPending();
        var waiting = this with { IntacctDueAt = retryAt, IntacctAttempts = IntacctAttempts + 1, UpdatedAt = now };
        return waiting.Record(RefundStep.ReverseInIntacct, now, "IntacctUnavailable", message).ToTransition();
    }

    /// <summary>An operator re-runs a reversal that failed, typically after fixing the cause in Intacct.</summary>
    public Result<Transition> RetryIntacct(string requestedBy, DateTimeOffset now)
    {
        if (IntacctStatus != IntacctStatus.Failed)
        {
            return new DomainError("intacct_not_failed", $"The Intacct reversal is {IntacctStatus}; only a failed reversal can be retried.");
        }

        var retried = this with { IntacctStatus = IntacctStatus.Pending, IntacctDueAt = now, IntacctRetries = IntacctRetries + 1, UpdatedAt = now };
        return retried.Record(RefundStep.ReverseInIntacct, now, "IntacctRetryRequested", $"by {requestedBy}").ToTransition();
    }

    /// <summary>Once the workflow settles, a payment exported to Intacct gets its reversal queued.</summary>
    private RefundWorkflow WithIntacctReversalQueued(Payment payment, DateTimeOffset now) =>
        payment.IntacctArPaymentKey is null
            ? this with { IntacctStatus = IntacctStatus.NotApplicable, IntacctArPaymentKey = null }
            : this with { IntacctStatus = IntacctStatus.Pending, IntacctArPaymentKey = payment.IntacctArPaymentKey, IntacctDueAt = now };

    private void EnsureIntacctPending()
    {
        if (!IntacctPending || IntacctArPaymentKey is null)
        {
            throw new InvalidOperationException($"Refund {RefundId} has no pending Intacct reversal ({IntacctStatus}).");
        }
    }
}

public sealed record IntacctError(string ErrorNumber, string Description, DateTimeOffset At);

public sealed record IntacctReversalPlan(string ArPaymentKey, string ControlId, DateOnly ReversalDate, string Description);
