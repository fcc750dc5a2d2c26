using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Organizations;

namespace Refunds.Application.Sync;

/// <summary>
/// Records how an organization's integration records refunds. A refund already started keeps the link it was given;
/// only refunds started afterwards follow the new settings.
/// </summary>
public sealed class UpsertSettingsHandler(ILedgerStore ledger, ConflictRetry retry)
{
    public async Task<UpsertOutcome> HandleAsync(OrganizationSettings incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return await retry.UntilCommittedAsync<UpsertOutcome>($"The settings of organization {incoming.OrganizationId}", async ct =>
        {
            var stored = await ledger.GetSettingsAsync(incoming.OrganizationId, ct);
            if (stored?.Value == incoming)
            {
                return UpsertOutcome.Unchanged;
            }

            var write = new LedgerWrite.PutSettings(incoming, stored?.ETag);
            return await ledger.CommitAsync(incoming.OrganizationId, [write], ct) == CommitOutcome.Committed
                ? (stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated)
                : Attempt.Lost<UpsertOutcome>();
        }, cancellationToken);
    }
}
