using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Invoices;

namespace Refunds.Application.Sync;

/// <summary>Records an invoice as the platform sees it; the same PUT twice changes nothing.</summary>
public sealed class UpsertInvoiceHandler(ILedgerStore ledger, IOptions<WorkflowOptions> options)
{
    public async Task<UpsertOutcome> HandleAsync(Invoice incoming, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.Value.MaxConflictRetries; attempt++)
        {
            var stored = await ledger.GetInvoiceAsync(incoming.OrganizationId, incoming.InvoiceId, cancellationToken);
            if (stored?.Value == incoming)
            {
                return UpsertOutcome.Unchanged;
            }

            var write = new LedgerWrite.PutInvoice(incoming, stored?.ETag);
            if (await ledger.CommitAsync(incoming.OrganizationId, [write], cancellationToken) == CommitOutcome.Committed)
            {
                return stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
            }
        }

        throw new WorkflowConflictException($"Invoice {incoming.InvoiceId} kept changing during the upsert.");
    }
}
