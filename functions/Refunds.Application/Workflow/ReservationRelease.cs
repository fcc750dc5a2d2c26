using Refunds.Application.Ports;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Workflow;

/// <summary>
/// A refund linked to a credit memo holds part of the memo while it runs. Whichever path ends it without the money
/// going back (Stripe failed, refused, gave up, canceled) gives the hold back in the same commit, guarded by the
/// memo's ETag: a concurrent change to the memo makes the whole commit lose and be decided again.
/// </summary>
internal static class ReservationRelease
{
    /// <summary>The write that gives the hold back, or none when <paramref name="after"/> keeps or settles it.</summary>
    public static async Task<IReadOnlyList<LedgerWrite>> WritesAsync(ILedgerStore ledger, RefundWorkflow before, RefundWorkflow after, CancellationToken cancellationToken)
    {
        if (!after.GivesBackReservation(before)
            || await ledger.GetCreditMemoAsync(after.OrganizationId, after.LinkedCreditMemoId!, cancellationToken) is not { } memo)
        {
            return [];
        }

        return [new LedgerWrite.PutCreditMemo(memo.Value.Release(after.Amount.MinorUnits), memo.ETag)];
    }
}
