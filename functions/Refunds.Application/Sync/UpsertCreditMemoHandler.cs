using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.CreditMemos;

namespace Refunds.Application.Sync;

/// <summary>
/// Records a credit memo as the platform sees it; the same PUT twice changes nothing. What refunds made here did with
/// the memo (held or refunded amounts) is ours and survives the PUT; a PUT that would contradict it is refused.
/// </summary>
public sealed class UpsertCreditMemoHandler(ILedgerStore ledger, ConflictRetry retry)
{
    public async Task<UpsertOutcome> HandleAsync(CreditMemo incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return await retry.UntilCommittedAsync<UpsertOutcome>($"Credit memo {incoming.CreditMemoId}", async ct =>
        {
            var stored = await ledger.GetCreditMemoAsync(incoming.OrganizationId, incoming.CreditMemoId, ct);
            var merged = stored is null ? incoming : stored.Value.AcceptSync(incoming);
            if (merged.Error is not null)
            {
                return UpsertOutcome.Locked;
            }

            if (stored?.Value == merged.Value)
            {
                return UpsertOutcome.Unchanged;
            }

            // The ETag keeps a hold taken by a concurrent start: losing to it reloads and merges again.
            var write = new LedgerWrite.PutCreditMemo(merged.Value, stored?.ETag);
            return await ledger.CommitAsync(incoming.OrganizationId, [write], ct) == CommitOutcome.Committed
                ? (stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated)
                : Attempt.Lost<UpsertOutcome>();
        }, cancellationToken);
    }
}
