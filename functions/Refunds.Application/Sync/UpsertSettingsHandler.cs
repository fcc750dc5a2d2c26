using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Organizations;

namespace Refunds.Application.Sync;

/// <summary>
/// Records how an organization's integration records refunds. A refund already started keeps the link it was given;
/// only refunds started afterwards follow the new settings.
/// </summary>
public sealed class UpsertSettingsHandler(ILedgerStore ledger, IOptions<WorkflowOptions> options)
{
    public async Task<UpsertOutcome> HandleAsync(OrganizationSettings incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetSettingsAsync(incoming.OrganizationId, cancellationToken);
            if (stored?.Value == incoming)
            {
                return UpsertOutcome.Unchanged;
            }

            var write = new LedgerWrite.PutSettings(incoming, stored?.ETag);
            if (await ledger.CommitAsync(incoming.OrganizationId, [write], cancellationToken) == CommitOutcome.Committed)
            {
                return stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
            }
        }

        throw new WorkflowConflictException($"The settings of organization {incoming.OrganizationId} kept changing during the upsert.");
    }
}
