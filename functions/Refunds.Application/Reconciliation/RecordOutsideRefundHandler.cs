using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Invoices;
using Refunds.Domain.Organizations;
using Refunds.Domain.Reconciliation;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Reconciliation;

public abstract record RecordFindingResult
{
    private RecordFindingResult()
    {
    }

    /// <param name="Workflow">The record of the outside refund.</param>
    /// <param name="AlreadyRecorded">True when an earlier call recorded it: nothing was written this time.</param>
    public sealed record Recorded(RefundWorkflow Workflow, Finding Finding, bool AlreadyRecorded) : RecordFindingResult;

    public sealed record NotFound(string What) : RecordFindingResult;

    /// <summary>Nothing was written: <paramref name="Code"/> says why.</summary>
    public sealed record Refused(string Code, string Message, Finding Finding) : RecordFindingResult;
}

/// <summary>
/// Records a <c>stripe_refund_unrecorded</c> finding's refund by the rules of our own refunds
/// (<see cref="RefundWorkflow.RecordOutsideRefund"/>), once: the record's id derives from Stripe's refund id and is
/// inserted in the same entity-group transaction that changes the payment under its ETag (and the invoices or the credit
/// memo under theirs), so a second or concurrent call loses the commit, reads again and finds it recorded. Then the
/// finding is marked resolved and an exported payment's Intacct reversal is started (the reconciler starts it if this
/// process dies first).
/// </summary>
public sealed partial class RecordOutsideRefundHandler(
    IReconciliationStore store,
    IStripeRefundListing stripe,
    ILedgerStore ledger,
    IActivityIndex index,
    IWorkflowSignals signals,
    ConflictRetry retry,
    TimeProvider time,
    ILogger<RecordOutsideRefundHandler> logger)
{
    public async Task<RecordFindingResult> HandleAsync(DurableTaskClient durable, string runId, string findingId, string requestedBy, CancellationToken cancellationToken)
    {
        if (await store.GetRunAsync(runId, cancellationToken) is null)
        {
            return new RecordFindingResult.NotFound($"Reconciliation {runId} was not found.");
        }

        if (await store.GetFindingAsync(runId, findingId, cancellationToken) is not { } stored)
        {
            return new RecordFindingResult.NotFound($"Finding {findingId} was not found in reconciliation {runId}.");
        }

        var finding = stored.Value;
        if (finding.Code != FindingCode.StripeRefundUnrecorded
            || finding is not { OrganizationId: { } org, PaymentId: { } paymentId, StripeRefundId: { } stripeRefundId })
        {
            return new RecordFindingResult.Refused(
                "finding_not_recordable",
                $"Finding {findingId} is {finding.Code.ToWire()}: only {FindingCodes.StripeRefundUnrecorded} can be recorded here; see its suggested action.",
                finding);
        }

        // Stripe decides whether the money went back: the finding may be days old.
        var atStripe = await stripe.FindRefundByIdAsync(finding.ConnectedAccountId, stripeRefundId, cancellationToken);
        if (atStripe is null || !string.Equals(atStripe.PaymentIntentId, finding.PaymentIntentId, StringComparison.Ordinal))
        {
            return new RecordFindingResult.Refused("stripe_refund_missing", $"Stripe no longer shows refund {stripeRefundId} of {finding.PaymentIntentId} on {finding.ConnectedAccountId}.", finding);
        }

        if (!atStripe.MovedMoney)
        {
            return new RecordFindingResult.Refused("stripe_refund_not_succeeded", $"Stripe's refund {stripeRefundId} is {atStripe.StatusText} now: nothing went back to record.", finding);
        }

        var id = RefundWorkflow.OutsideRefundIdFor(stripeRefundId);
        if (!Ids.IsValid(id))
        {
            return new RecordFindingResult.Refused("invalid_stripe_refund_id", $"Stripe refund id '{stripeRefundId}' cannot name a record.", finding);
        }

        var outcome = await retry.UntilCommittedAsync<RecordFindingResult>($"Payment {paymentId}", async ct =>
        {
            // The payment first, then the record: both change in one transaction, so a payment read before a concurrent
            // call's commit and a record read after it still show that call's record, never a payment it left refunded alone.
            var payment = await ledger.GetPaymentAsync(org, paymentId, ct);
            if (await ledger.GetWorkflowAsync(org, id, ct) is { } existing)
            {
                return new RecordFindingResult.Recorded(existing.Value, finding, AlreadyRecorded: true);
            }

            if (payment is null)
            {
                return new RecordFindingResult.Refused("payment_not_found", $"Payment {paymentId} is no longer in organization {org}.", finding);
            }

            var settings = (await ledger.GetSettingsAsync(org, ct))?.Value ?? OrganizationSettings.Default(org);
            var invoices = await InvoicesAsync(org, payment.Value.Allocations.Select(a => a.InvoiceId), ct);
            var memos = settings.RefundRecording == RefundRecording.CreditMemo ? await MemosAsync(org, payment.Value.Allocations.Select(a => a.InvoiceId), ct) : [];
            var now = time.GetUtcNow();
            var recorded = RefundWorkflow.RecordOutsideRefund(
                payment.Value,
                new OutsideRefund(stripeRefundId, atStripe.Amount, requestedBy, runId),
                invoices.Select(i => i.Value).ToList(),
                settings.RefundRecording,
                memos.Select(m => m.Value).ToList(),
                now);
            if (recorded.Error is { } error)
            {
                return new RecordFindingResult.Refused(error.Code, error.Message, finding);
            }

            var transition = recorded.Value;
            var memo = transition.CreditMemo is { } held ? memos.First(m => m.Value.CreditMemoId == held.CreditMemoId) : null;
            await index.NoteRefundAsync(new IndexedRefund(payment.Value.ConnectedAccountId, org, id, now), ct);
            if (await ledger.CommitAsync(org, TransitionWrites.For(transition, null, payment, invoices, memo), ct) == CommitOutcome.Conflict)
            {
                return Attempt.Lost<RecordFindingResult>();
            }

            LogRecorded(id, stripeRefundId, org, paymentId, runId);
            return new RecordFindingResult.Recorded(transition.Workflow, finding, AlreadyRecorded: false);
        }, cancellationToken);

        if (outcome is not RecordFindingResult.Recorded done)
        {
            return outcome;
        }

        var resolved = await ResolveAsync(runId, findingId, done.Workflow.RefundId, cancellationToken);
        await signals.StartAsync(durable, done.Workflow, cancellationToken);
        return done with { Finding = resolved ?? finding };
    }

    /// <summary>Marks the finding resolved under its ETag; a concurrent call that got there first leaves it as it made it.</summary>
    private async Task<Finding?> ResolveAsync(string runId, string findingId, string refundId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.GetFindingAsync(runId, findingId, cancellationToken) is not { } current)
            {
                return null;
            }

            if (current.Value.Status == FindingStatus.Resolved)
            {
                return current.Value;
            }

            var resolved = current.Value.Resolve(Resolutions.Recorded, time.GetUtcNow(), refundId);
            if (await store.ReplaceFindingAsync(runId, resolved, current.ETag, cancellationToken))
            {
                return resolved;
            }
        }

        return (await store.GetFindingAsync(runId, findingId, cancellationToken))?.Value;
    }

    private async Task<List<Versioned<Invoice>>> InvoicesAsync(string org, IEnumerable<string> invoiceIds, CancellationToken cancellationToken)
    {
        var invoices = new List<Versioned<Invoice>>();
        foreach (var invoiceId in invoiceIds.Distinct(StringComparer.Ordinal))
        {
            if (await ledger.GetInvoiceAsync(org, invoiceId, cancellationToken) is { } invoice)
            {
                invoices.Add(invoice);
            }
        }

        return invoices;
    }

    private async Task<List<Versioned<CreditMemo>>> MemosAsync(string org, IEnumerable<string> invoiceIds, CancellationToken cancellationToken)
    {
        var memos = new List<Versioned<CreditMemo>>();
        foreach (var invoiceId in invoiceIds.Distinct(StringComparer.Ordinal))
        {
            memos.AddRange(await ledger.FindCreditMemosAsync(org, invoiceId, cancellationToken));
        }

        return memos;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId}: Stripe refund {StripeRefundId} made outside, recorded on payment {PaymentId} of {OrganizationId} (reconciliation {RunId})")]
    private partial void LogRecorded(string refundId, string stripeRefundId, string organizationId, string paymentId, string runId);
}
