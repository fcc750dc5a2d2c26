using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Payments;

namespace Refunds.Application.Sync;

/// <summary>
/// Records a payment as the platform sees it. Repeating the same PUT changes nothing. Once a refund has
/// claimed the payment, its status belongs to the refund workflow and a differing PUT is refused.
/// </summary>
public sealed class UpsertPaymentHandler(ILedgerStore ledger, IPaymentIntentIndex paymentIntents, IActivityIndex index, ConflictRetry retry, TimeProvider time)
{
    public async Task<UpsertOutcome> HandleAsync(Payment incoming, CancellationToken cancellationToken)
    {
        return await retry.UntilCommittedAsync<UpsertOutcome>($"Payment {incoming.PaymentId}", async ct =>
        {
            var stored = await ledger.GetPaymentAsync(incoming.OrganizationId, incoming.PaymentId, ct);
            var candidate = incoming with { ActiveRefundId = stored?.Value.ActiveRefundId };
            var link = new PaymentRef(candidate.OrganizationId, candidate.PaymentId);
            if (stored is not null && SameAs(stored.Value, candidate))
            {
                // Payments recorded before the payment-intent index existed get their link on the platform's next PUT.
                return await paymentIntents.LinkAsync(candidate.StripePaymentIntentId, link, ct) == LinkOutcome.Taken
                    ? UpsertOutcome.PaymentIntentTaken
                    : UpsertOutcome.Unchanged;
            }

            if (stored is not null && (stored.Value.ActiveRefundId is not null || stored.Value.Status == PaymentStatus.Refunded))
            {
                return UpsertOutcome.Locked;
            }

            // The link goes first and is idempotent: a payment never exists without it, so Stripe events that name
            // only the payment intent always find it. A link left by a failed payment write points at nothing, harmlessly.
            if (await paymentIntents.LinkAsync(candidate.StripePaymentIntentId, link, ct) == LinkOutcome.Taken)
            {
                return UpsertOutcome.PaymentIntentTaken;
            }

            // The account had activity today: the daily reconciliation looks at it (written first, idempotently, like the link).
            await index.NoteAccountAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), candidate.ConnectedAccountId, ct);
            var write = new LedgerWrite.PutPayment(candidate, stored?.ETag);
            return await ledger.CommitAsync(incoming.OrganizationId, [write], ct) == CommitOutcome.Committed
                ? (stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated)
                : Attempt.Lost<UpsertOutcome>();
        }, cancellationToken);
    }

    private static bool SameAs(Payment stored, Payment candidate) =>
        stored with { Allocations = [] } == candidate with { Allocations = [] }
        && stored.Allocations.SequenceEqual(candidate.Allocations);
}
