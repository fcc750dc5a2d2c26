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
                if (await paymentIntents.LinkAsync(candidate.StripePaymentIntentId, link, ct) == LinkOutcome.Taken)
                {
                    return UpsertOutcome.PaymentIntentTaken;
                }

                return await EnsureArPaymentClaimAsync(stored, ct);
            }

            if (stored is not null && (stored.Value.ActiveRefundId is not null || stored.Value.Status == PaymentStatus.Refunded))
            {
                return UpsertOutcome.Locked;
            }

            // Decided before anything is written, so a refused PUT leaves no payment-intent link behind.
            var claims = await ArPaymentClaimWritesAsync(stored?.Value.IntacctArPaymentKey, candidate, ct);
            if (claims is null)
            {
                return UpsertOutcome.IntacctArPaymentTaken;
            }

            // The link goes first and is idempotent: a payment never exists without it, so Stripe events that name
            // only the payment intent always find it. A link left by a failed payment write points at nothing, harmlessly.
            if (await paymentIntents.LinkAsync(candidate.StripePaymentIntentId, link, ct) == LinkOutcome.Taken)
            {
                return UpsertOutcome.PaymentIntentTaken;
            }

            // The account had activity today: the daily reconciliation looks at it (written first, idempotently, like the link).
            await index.NoteAccountAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), candidate.ConnectedAccountId, ct);

            // One entity-group transaction: of two payments claiming one AR payment at once, the second insert of the
            // claim fails, that commit writes nothing, and its next attempt finds the claim taken.
            LedgerWrite[] writes = [.. claims, new LedgerWrite.PutPayment(candidate, stored?.ETag)];
            return await ledger.CommitAsync(incoming.OrganizationId, writes, ct) == CommitOutcome.Committed
                ? (stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated)
                : Attempt.Lost<UpsertOutcome>();
        }, cancellationToken);
    }

    /// <summary>
    /// The claim writes that go with recording <paramref name="candidate"/>: claim its AR payment unless it holds it
    /// already, and release the one it held before. Null when another payment of the organization holds the AR payment.
    /// </summary>
    private async Task<List<LedgerWrite>?> ArPaymentClaimWritesAsync(string? previousKey, Payment candidate, CancellationToken ct)
    {
        var writes = new List<LedgerWrite>();
        if (candidate.IntacctArPaymentKey is { } key)
        {
            var claim = await ledger.GetArPaymentClaimAsync(candidate.OrganizationId, key, ct);
            if (claim is not null && claim.Value.PaymentId != candidate.PaymentId)
            {
                return null;
            }

            if (claim is null)
            {
                writes.Add(new LedgerWrite.ClaimArPayment(key, candidate.PaymentId));
            }
        }

        if (previousKey is not null && previousKey != candidate.IntacctArPaymentKey)
        {
            // Only our own claim is released; one another payment holds (recorded before claims existed) stays its own.
            var previous = await ledger.GetArPaymentClaimAsync(candidate.OrganizationId, previousKey, ct);
            if (previous is not null && previous.Value.PaymentId == candidate.PaymentId)
            {
                writes.Add(new LedgerWrite.ReleaseArPayment(previousKey, previous.ETag));
            }
        }

        return writes;
    }

    /// <summary>
    /// An unchanged payment recorded before AR payment claims existed claims its AR payment now, under the payment's
    /// ETag so that a concurrent change of the payment wins; refused when another payment claimed it first.
    /// </summary>
    private async Task<Attempt<UpsertOutcome>> EnsureArPaymentClaimAsync(Versioned<Payment> stored, CancellationToken ct)
    {
        if (stored.Value.IntacctArPaymentKey is not { } key)
        {
            return UpsertOutcome.Unchanged;
        }

        var claim = await ledger.GetArPaymentClaimAsync(stored.Value.OrganizationId, key, ct);
        if (claim is not null)
        {
            return claim.Value.PaymentId == stored.Value.PaymentId ? UpsertOutcome.Unchanged : UpsertOutcome.IntacctArPaymentTaken;
        }

        LedgerWrite[] writes = [new LedgerWrite.ClaimArPayment(key, stored.Value.PaymentId), new LedgerWrite.PutPayment(stored.Value, stored.ETag)];
        return await ledger.CommitAsync(stored.Value.OrganizationId, writes, ct) == CommitOutcome.Committed
            ? UpsertOutcome.Unchanged
            : Attempt.Lost<UpsertOutcome>();
    }

    private static bool SameAs(Payment stored, Payment candidate) =>
        stored with { Allocations = [] } == candidate with { Allocations = [] }
        && stored.Allocations.SequenceEqual(candidate.Allocations);
}
