using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Invoices;

namespace Refunds.Application.Sync;

/// <summary>Records an invoice as the platform sees it; the same PUT twice changes nothing.</summary>
public sealed class UpsertInvoiceHandler(ILedgerStore ledger, ConflictRetry retry)
{
    public async Task<UpsertOutcome> HandleAsync(Invoice incoming, CancellationToken cancellationToken)
    {
        return await retry.UntilCommittedAsync<UpsertOutcome>($"Invoice {incoming.InvoiceId}", async ct =>
        {
            var stored = await ledger.GetInvoiceAsync(incoming.OrganizationId, incoming.InvoiceId, ct);
            if (stored?.Value == incoming)
            {
                return UpsertOutcome.Unchanged;
            }

            var write = new LedgerWrite.PutInvoice(incoming, stored?.ETag);
            return await ledger.CommitAsync(incoming.OrganizationId, [write], ct) == CommitOutcome.Committed
                ? (stored is null ? UpsertOutcome.Created : UpsertOutcome.Updated)
                : Attempt.Lost<UpsertOutcome>();
        }, cancellationToken);
    }
}
