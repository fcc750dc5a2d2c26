using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.StripeEvents;
using Refunds.Application.Workflow;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Closes the one gap between the ledger and Durable: a record committed (a claimed payment, a retried Intacct
/// reversal) whose orchestration was never scheduled because the process died in between, or whose orchestration
/// ended abnormally, or that sleeps past a change whose event was lost. Records overdue by more than the grace period
/// get their orchestration started or woken; a woken orchestration only re-reads its record, so this is safe to repeat.
/// It also keeps the refund indexes: it backfills records stored before they existed, a slice per pass, and narrows
/// attention rows left wider than their record by a crash or a lost commit.
/// </summary>
public sealed partial class OrchestrationReconciler(
    ILedgerStore ledger,
    IRefundIndex index,
    IWorkflowSignals signals,
    IStripeEventLog stripeEvents,
    StripeEventProcessor stripeEventProcessor,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<OrchestrationReconciler> logger)
{
    /// <summary>
    /// An attention row written for a revision its record never reached is trusted for this long: its writer may still be
    /// about to commit. Far longer than any commit takes, so only a writer that gave up or died leaves one older.
    /// </summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public async Task<int> ReconcileAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var overdue = 0;
        var graceStart = time.GetUtcNow() - options.Value.StallGrace;

        // Webhooks recorded but never applied (the process died, or applying threw while Stripe stopped redelivering).
        await foreach (var stripeEvent in stripeEvents.FindUnappliedAsync(graceStart, cancellationToken))
        {
            await stripeEventProcessor.HandleAsync(durable, stripeEvent, cancellationToken);
            LogUnappliedEvent(stripeEvent.Id, stripeEvent.Type);
            overdue++;
        }

        await foreach (var stored in ledger.FindStalledAsync(graceStart, cancellationToken))
        {
            // A live record's instance is woken (and started if missing or ended); a settled record's reversal is started.
            if (stored.Value.IsTerminal)
            {
                await signals.StartAsync(durable, stored.Value, cancellationToken);
            }
            else
            {
                await signals.RaiseAsync(durable, stored.Value, new WakeUp($"overdue since {stored.Value.OrchestrationDueAt:O}"), cancellationToken);
            }

            LogOverdue(stored.Value.RefundId, stored.Value.OrganizationId, stored.Value.Stage.ToString(), stored.Value.OrchestrationDueAt);
            overdue++;
        }

        // After the orchestration work, so that an index problem never delays a refund.
        if (!await index.BackfillAsync(options.Value.IndexBackfillPerPass, cancellationToken))
        {
            LogBackfillContinues(options.Value.IndexBackfillPerPass);
        }

        if (await index.RepairAttentionAsync(AbandonedAfter, cancellationToken) is > 0 and var repaired)
        {
            LogAttentionRepaired(repaired);
        }

        return overdue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed up to {Count} refund records stored before the refund indexes existed; the next pass continues")]
    private partial void LogBackfillContinues(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Narrowed {Count} attention rows that said more than their refund record")]
    private partial void LogAttentionRepaired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) was recorded but not applied; applied it now")]
    private partial void LogUnappliedEvent(string eventId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} of {OrganizationId} overdue at {Stage} since {DueAt}: its orchestration was woken or started")]
    private partial void LogOverdue(string refundId, string organizationId, string stage, DateTimeOffset dueAt);
}
