using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.ExternalEvents;
using Refunds.Application.Orchestrations;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Common;
using Refunds.Domain.Payments;
using Refunds.Domain.Refunds;

namespace Refunds.Application.StripeEvents;

/// <summary>
/// Applies a Stripe event to the ledger by key (payment-intent index to payment, then its refund), then signals the
/// orchestrations it concerns. Stripe repeats events and sends them in any order, so every branch only ever moves
/// state forward and a second application changes nothing. Throwing leaves the event unapplied: the webhook answers
/// 5xx so that Stripe redelivers it, and the reconciler applies it again meanwhile.
/// </summary>
public sealed partial class StripeEventProcessor(
    IPaymentIntentIndex paymentIntents,
    IStripeEventLog eventLog,
    ILedgerStore ledger,
    IStripeRefunds stripe,
    WorkflowEventApplier applier,
    StripeRefundAnswers answers,
    ConflictRetry retry,
    IWorkflowSignals signals,
    IActivityIndex index,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<StripeEventProcessor> logger)
{
    public async Task<StripeEventOutcome> HandleAsync(DurableTaskClient durable, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var outcome = stripeEvent.Type switch
        {
            StripeEvent.RefundCreated or StripeEvent.RefundUpdated or StripeEvent.RefundFailed => await OnRefundAsync(durable, stripeEvent, cancellationToken),
            StripeEvent.DisputeCreated => await OnDisputeAsync(durable, stripeEvent, cancellationToken),
            StripeEvent.BalanceAvailable => await OnBalanceAvailableAsync(durable, stripeEvent, cancellationToken),
            _ => StripeEventOutcome.Ignored,
        };
        await eventLog.MarkProcessedAsync(stripeEvent.Id, time.GetUtcNow(), cancellationToken);
        LogProcessed(stripeEvent.Id, stripeEvent.Type, outcome);
        return outcome;
    }

    private async Task<StripeEventOutcome> OnRefundAsync(DurableTaskClient durable, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent is { Type: StripeEvent.RefundCreated, OurRefundId: null, Account: { } account } && Ids.IsValid(account))
        {
            // A refund made outside this service (the Dashboard): the daily reconciliation of its day looks at the account.
            await index.NoteAccountAsync(DateOnly.FromDateTime(stripeEvent.Created.UtcDateTime), account, cancellationToken);
        }

        if (stripeEvent is not { Refund: { } refund, OurRefundId: { } refundId, PaymentIntentId: { } paymentIntentId } || !Ids.IsValid(refundId))
        {
            return StripeEventOutcome.Ignored;
        }

        if (await paymentIntents.FindAsync(paymentIntentId, cancellationToken) is not { } owner)
        {
            LogUnknownPaymentIntent(stripeEvent.Id, paymentIntentId);
            return StripeEventOutcome.Ignored;
        }

        var applied = await applier.ApplyAsync(
            durable,
            owner.OrganizationId,
            refundId,
            async (workflow, payment, ct) =>
            {
                if (!string.Equals(workflow.StripePaymentIntentId, paymentIntentId, StringComparison.Ordinal) || !SameAccount(stripeEvent, workflow.ConnectedAccountId))
                {
                    LogForeignEvent(stripeEvent.Id, workflow.RefundId);
                    return null;
                }

                var balance = await answers.BalanceIfHeldAsync(workflow, refund, ct);
                return WorkflowEventApplier.Changed(workflow.OnRefundEvent(refund, payment, time.GetUtcNow(), options.Value.Polling, balance));
            },
            progress => new StripeRefundChanged(stripeEvent.Id, progress),
            cancellationToken);
        return applied is AppliedEvent.Applied ? StripeEventOutcome.Applied : StripeEventOutcome.Ignored;
    }

    /// <summary>A late failure of a bank debit starts a reversal; a card dispute is only recorded (the event log holds it).</summary>
    private async Task<StripeEventOutcome> OnDisputeAsync(DurableTaskClient durable, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent is not { PaymentIntentId: { } paymentIntentId, DisputeId: { } disputeId })
        {
            return StripeEventOutcome.Ignored;
        }

        if (await paymentIntents.FindAsync(paymentIntentId, cancellationToken) is not { } owner)
        {
            LogUnknownPaymentIntent(stripeEvent.Id, paymentIntentId);
            return StripeEventOutcome.Ignored;
        }

        return await retry.UntilCommittedAsync<StripeEventOutcome>($"Payment {owner.PaymentId}", async ct =>
        {
            var payment = await ledger.GetPaymentAsync(owner.OrganizationId, owner.PaymentId, ct);
            if (payment is null || !SameAccount(stripeEvent, payment.Value.ConnectedAccountId))
            {
                LogForeignEvent(stripeEvent.Id, owner.PaymentId);
                return StripeEventOutcome.Ignored;
            }

            var reversalId = RefundWorkflow.LateFailureIdFor(disputeId);
            if (string.Equals(payment.Value.ActiveRefundId, reversalId, StringComparison.Ordinal))
            {
                // A repeat: the reversal exists. Starting it again is a no-op while it runs and covers a lost start.
                if (await ledger.GetWorkflowAsync(owner.OrganizationId, reversalId, ct) is { } existing)
                {
                    await signals.StartAsync(durable, existing.Value, ct);
                }

                return StripeEventOutcome.Ignored;
            }

            var started = RefundWorkflow.StartLateFailureReversal(payment.Value, disputeId, stripeEvent.DisputeReason, time.GetUtcNow());
            if (started.Error is { Code: "payment_claimed" or "payment_not_succeeded" }
                && payment.Value.ActiveRefundId is { } holder
                && await ledger.GetWorkflowAsync(owner.OrganizationId, holder, ct) is { Value.Kind: WorkflowKind.Refund } refund)
            {
                return await OnDisputeOfRefundAsync(durable, stripeEvent, disputeId, payment, refund, ct) is { } outcome
                    ? (Attempt<StripeEventOutcome>)outcome
                    : Attempt.Lost<StripeEventOutcome>();
            }

            if (started.Error is { } error)
            {
                LogDisputeNotReversed(stripeEvent.Id, disputeId, owner.PaymentId, error.Message);
                return StripeEventOutcome.Ignored;
            }

            var transition = started.Value;
            // The instance is inserted (no ETag); the payment's ETag makes a concurrent claim lose the race.
            if (await ledger.CommitAsync(owner.OrganizationId, TransitionWrites.For(transition, null, payment), ct) == CommitOutcome.Conflict)
            {
                return Attempt.Lost<StripeEventOutcome>();
            }

            await signals.StartAsync(durable, transition.Workflow, ct);
            return StripeEventOutcome.Applied;
        }, cancellationToken);
    }

    /// <summary>
    /// A bank debit failed late while a refund holds its payment. The late failure wins over a refund still waiting for
    /// funds with nothing at Stripe; otherwise the money may already be on its way back, so the refund only carries a
    /// warning for ops instead of acting twice. Null when a concurrent change made the commit lose (decide again).
    /// </summary>
    private async Task<StripeEventOutcome?> OnDisputeOfRefundAsync(
        DurableTaskClient durable,
        StripeEvent stripeEvent, string disputeId, Versioned<Payment> payment, Versioned<RefundWorkflow> refund, CancellationToken cancellationToken)
    {
        var workflow = refund.Value;
        var now = time.GetUtcNow();
        if (workflow.IsWaitingForFunds && workflow.StripeRefundId is null
            && await stripe.FindRefundAsync(workflow.ConnectedAccountId, workflow.StripePaymentIntentId, workflow.RefundId, cancellationToken) is null)
        {
            var takeover = RefundWorkflow.StartLateFailureReversalOver(workflow, payment.Value, disputeId, stripeEvent.DisputeReason, now);
            if (takeover.Error is { } refused)
            {
                LogDisputeNotReversed(stripeEvent.Id, disputeId, payment.Value.PaymentId, refused.Message);
                return StripeEventOutcome.Ignored;
            }

            var (canceled, reversal) = (takeover.Value[0], takeover.Value[1]);
            var writes = TransitionWrites.For(canceled, refund)
                .Concat(await ReservationRelease.WritesAsync(ledger, workflow, canceled.Workflow, cancellationToken))
                .Concat(TransitionWrites.For(reversal, null, payment))
                .ToList();
            if (await ledger.CommitAsync(workflow.OrganizationId, writes, cancellationToken) == CommitOutcome.Conflict)
            {
                return null;
            }

            LogWaitingRefundCanceled(stripeEvent.Id, disputeId, workflow.RefundId, reversal.Workflow.RefundId);
            await signals.RaiseAsync(durable, canceled.Workflow, new CancelRequested("stripe:" + disputeId, RefundProgress.Of(canceled.Workflow)), cancellationToken);
            await signals.StartAsync(durable, reversal.Workflow, cancellationToken);
            return StripeEventOutcome.Applied;
        }

        if (workflow.NoteLateFailure(disputeId, stripeEvent.DisputeReason, now) is not { } noted)
        {
            return StripeEventOutcome.Ignored;
        }

        if (await ledger.CommitAsync(workflow.OrganizationId, TransitionWrites.For(noted, refund), cancellationToken) == CommitOutcome.Conflict)
        {
            return null;
        }

        LogLateFailureWhileRefunding(stripeEvent.Id, disputeId, workflow.RefundId);
        return StripeEventOutcome.Applied;
    }

    /// <summary>Every refund of the account that waits for funds looks at its balance (or its held refund) now.</summary>
    private async Task<StripeEventOutcome> OnBalanceAvailableAsync(DurableTaskClient durable, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        if (stripeEvent.Account is not { } account)
        {
            return StripeEventOutcome.Ignored;
        }

        var woken = 0;
        await foreach (var waiting in ledger.FindWaitingAsync(account, cancellationToken))
        {
            var applied = await applier.ApplyAsync(
                durable,
                waiting.Value.OrganizationId,
                waiting.Value.RefundId,
                (workflow, _, _) => Task.FromResult(WorkflowEventApplier.Changed(workflow.OnBalanceAvailable(stripeEvent.Id, time.GetUtcNow()))),
                progress => new FundsAvailable(stripeEvent.Id, progress),
                cancellationToken);
            woken += applied is AppliedEvent.Applied ? 1 : 0;
        }

        return woken > 0 ? StripeEventOutcome.Applied : StripeEventOutcome.Ignored;
    }

    /// <summary>Connect events name the connected account; it must be the one the payment was made on.</summary>
    private static bool SameAccount(StripeEvent stripeEvent, string connectedAccountId) =>
        stripeEvent.Account is null || string.Equals(stripeEvent.Account, connectedAccountId, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}): {Outcome}")]
    private partial void LogProcessed(string eventId, string type, StripeEventOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} names payment intent {PaymentIntentId}, which no recorded payment uses; ignored")]
    private partial void LogUnknownPaymentIntent(string eventId, string paymentIntentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} does not match the account or payment intent of {Id}; ignored")]
    private partial void LogForeignEvent(string eventId, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId}: dispute {DisputeId} canceled refund {RefundId}, which waited for funds with nothing at Stripe; reversal {ReversalId} started")]
    private partial void LogWaitingRefundCanceled(string eventId, string disputeId, string refundId, string reversalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId}: dispute {DisputeId} arrived while Stripe holds or may be creating refund {RefundId}; not reversed, flagged on the refund for ops")]
    private partial void LogLateFailureWhileRefunding(string eventId, string disputeId, string refundId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId}: dispute {DisputeId} on payment {PaymentId} recorded, no reversal: {Reason}")]
    private partial void LogDisputeNotReversed(string eventId, string disputeId, string paymentId, string reason);
}
