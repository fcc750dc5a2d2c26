using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.CreditMemos;
using Refunds.Domain.Organizations;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.StartRefund;

/// <summary>
/// Claims the payment and creates the workflow in one transaction, so two concurrent starts cannot both
/// win: the loser's ETag no longer matches, it reloads, and sees the winner's claim. Only the winner starts the
/// orchestration (instance id = refund id).
/// </summary>
public sealed class StartRefundHandler(
    ILedgerStore ledger,
    IWorkflowSignals signals,
    CrashPoints crashPoints,
    TimeProvider time,
    ConflictRetry retry,
    IActivityIndex index,
    ILogger<StartRefundHandler> logger)
{
    public async Task<StartRefundResult> HandleAsync(DurableTaskClient durable, StartRefundCommand command, CancellationToken cancellationToken)
    {
        return await retry.UntilCommittedAsync<StartRefundResult>($"Payment {command.PaymentId}", async ct =>
        {
            var payment = await ledger.GetPaymentAsync(command.OrganizationId, command.PaymentId, ct);
            if (payment is null)
            {
                return new StartRefundResult.PaymentNotFound();
            }

            var refundId = Ids.NewRefundId(Guid.CreateVersion7(time.GetUtcNow()));
            var synced = await SyncedInvoicesAsync(payment.Value, ct);
            var settings = (await ledger.GetSettingsAsync(command.OrganizationId, ct))?.Value ?? OrganizationSettings.Default(command.OrganizationId);
            var memos = settings.RefundRecording == RefundRecording.CreditMemo
                ? await CreditMemosAsync(payment.Value, ct)
                : [];
            var started = RefundWorkflow.Start(
                payment.Value,
                new StartRefundRequest(refundId, command.Reason, command.Comment, command.RequestedBy),
                time.GetUtcNow(),
                synced,
                settings.RefundRecording,
                memos.Select(m => m.Value).ToList());
            if (started.Error is { } error)
            {
                return error.Code is "payment_already_refunded" or "refund_in_progress"
                    ? new StartRefundResult.AlreadyRefunding(error.Code, error.Message, payment.Value.ActiveRefundId)
                    : new StartRefundResult.NotRefundable(error.Code, error.Message);
            }

            var transition = started.Value;

            // Indexed before the commit, for reconciliation: a start that then loses its race leaves an entry naming no
            // record, which a run skips; a committed refund is never missing from the index.
            await index.NoteRefundAsync(new IndexedRefund(payment.Value.ConnectedAccountId, command.OrganizationId, refundId, transition.Workflow.CreatedAt), ct);

            // The instance is inserted (no ETag); the payment's ETag makes a concurrent claim lose the race, and the
            // linked credit memo's ETag a concurrent hold on it: the loser decides again on what the winner left, so a
            // memo no longer covering it sends it to another memo or to the payment.
            var memo = transition.CreditMemo is { } held ? memos.First(m => m.Value.CreditMemoId == held.CreditMemoId) : null;
            if (await ledger.CommitAsync(command.OrganizationId, TransitionWrites.For(transition, null, payment, creditMemo: memo), ct) == CommitOutcome.Conflict)
            {
                return Attempt.Lost<StartRefundResult>();
            }

            try
            {
                crashPoints.Hit(CrashPoints.AfterClaimBeforeSchedule, refundId);
                await signals.StartAsync(durable, transition.Workflow, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The refund is committed, so 202 stays true: the reconciler starts the orchestration of a record it
                // finds without one. Answering 500 here would invite a retry that can only get 409.
                logger.LogWarning(ex, "Refund {RefundId} started but its orchestration could not be scheduled; the reconciler will start it", refundId);
            }

            return new StartRefundResult.Started(transition.Workflow);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<Versioned<CreditMemo>>> CreditMemosAsync(Payment payment, CancellationToken cancellationToken)
    {
        var memos = new List<Versioned<CreditMemo>>();
        foreach (var invoiceId in payment.Allocations.Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal))
        {
            memos.AddRange(await ledger.FindCreditMemosAsync(payment.OrganizationId, invoiceId, cancellationToken));
        }

        return memos;
    }

    private async Task<IReadOnlySet<string>> SyncedInvoicesAsync(Payment payment, CancellationToken cancellationToken)
    {
        var synced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invoiceId in payment.Allocations.Select(a => a.InvoiceId).Distinct(StringComparer.Ordinal))
        {
            if (await ledger.GetInvoiceAsync(payment.OrganizationId, invoiceId, cancellationToken) is not null)
            {
                synced.Add(invoiceId);
            }
        }

        return synced;
    }
}
