using System.Collections.Concurrent;
using Refunds.Application.Ports;
using Refunds.Domain.Common;
using Refunds.Domain.Reconciliation;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Reconciliation;

/// <summary>
/// The ledger's side of one page of Stripe refunds, read with point reads only, in parallel: a refund of ours is found
/// by <c>metadata.refund_id</c> under the organization the activity index (or, for an older refund, the payment-intent
/// index) names; a refund made outside by its payment intent. Nothing is read for a refund no rule could flag.
/// </summary>
internal sealed class LedgerSides(ILedgerStore ledger, IPaymentIntentIndex paymentIntents, int concurrency)
{
    private long _reads;

    /// <summary>Storage entities read so far.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public async Task<LedgerSide?[]> ReadAsync(
        IReadOnlyList<StripeRefundFact> page, IReadOnlyDictionary<string, IndexedRefund> ours, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };

        // Payment intents whose organization the activity index does not give, each read once per page.
        var owners = new ConcurrentDictionary<string, PaymentRef?>(StringComparer.Ordinal);
        var unknown = page
            .Where(s => !(s.OurRefundId is { } id && ours.ContainsKey(id)) && s.PaymentIntentId is { } pi && Ids.IsValid(pi))
            .Select(s => s.PaymentIntentId!)
            .Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(unknown, options, async (pi, ct) => owners[pi] = await CountedAsync(paymentIntents.FindAsync(pi, ct)));

        var sides = new LedgerSide?[page.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, page.Count), options, async (i, ct) => sides[i] = await SideAsync(page[i], ours, owners, ct));
        return sides;
    }

    private async Task<LedgerSide?> SideAsync(
        StripeRefundFact stripe, IReadOnlyDictionary<string, IndexedRefund> ours, ConcurrentDictionary<string, PaymentRef?> owners, CancellationToken cancellationToken)
    {
        var owner = stripe.PaymentIntentId is { } pi ? owners.GetValueOrDefault(pi) : null;
        if (stripe.OurRefundId is { } ourId && Ids.IsValid(ourId))
        {
            var organization = ours.TryGetValue(ourId, out var indexed) ? indexed.OrganizationId : owner?.OrganizationId;
            if (organization is not null
                && await CountedAsync(ledger.GetWorkflowAsync(organization, ourId, cancellationToken)) is { } refund
                && ReconciliationRules.Records(refund.Value, stripe))
            {
                return new LedgerSide(organization, refund.Value.PaymentId, null, refund.Value);
            }
        }

        // Made outside (no metadata of ours), or naming a record that does not account for it: the payment decides.
        if (owner is null && stripe.PaymentIntentId is { } unread && Ids.IsValid(unread))
        {
            owner = await CountedAsync(paymentIntents.FindAsync(unread, cancellationToken));
        }

        if (owner is null)
        {
            return null;
        }

        if (stripe.OurRefundId is null
            && await CountedAsync(ledger.GetWorkflowAsync(owner.OrganizationId, RefundWorkflow.OutsideRefundIdFor(stripe.Id), cancellationToken)) is { } recorded)
        {
            return new LedgerSide(owner.OrganizationId, owner.PaymentId, null, recorded.Value);
        }

        if (!stripe.MovedMoney)
        {
            // Nothing went back, and nothing here records it: no rule can flag it, so nothing more is read.
            return new LedgerSide(owner.OrganizationId, owner.PaymentId, null, null);
        }

        if (await CountedAsync(ledger.GetPaymentAsync(owner.OrganizationId, owner.PaymentId, cancellationToken)) is not { } payment)
        {
            // A payment-intent link left by a payment write that failed: the payment is not tracked.
            return null;
        }

        var holder = payment.Value.ActiveRefundId is { } active
            ? (await CountedAsync(ledger.GetWorkflowAsync(owner.OrganizationId, active, cancellationToken)))?.Value
            : null;
        return new LedgerSide(owner.OrganizationId, owner.PaymentId, payment.Value, holder);
    }

    private async Task<T> CountedAsync<T>(Task<T> read)
    {
        var value = await read;
        Interlocked.Increment(ref _reads);
        return value;
    }
}
