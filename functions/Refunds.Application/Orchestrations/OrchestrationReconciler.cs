using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Closes the one gap between the ledger and Durable: a record committed (a claimed payment, a retried Intacct
/// reversal) whose orchestration was never scheduled because the process died in between, or whose orchestration
/// ended abnormally, or that sleeps past a change whose event was lost. Records overdue by more than the grace period
/// get their orchestration started or woken; a woken orchestration only re-reads its record, so this is safe to repeat.
/// </summary>
public sealed partial class OrchestrationReconciler(
    ILedgerStore ledger,
    IWorkflowSignals signals,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<OrchestrationReconciler> logger)
{
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var overdue = 0;
        await foreach (var stored in ledger.FindStalledAsync(time.GetUtcNow() - options.Value.StallGrace, cancellationToken))
        {
            // A live record's instance is woken (and started if missing or ended); a settled record's reversal is started.
            if (stored.Value.IsTerminal)
            {
                await signals.StartAsync(stored.Value, cancellationToken);
            }
            else
            {
                await signals.RaiseAsync(stored.Value, WorkflowEvents.Wake, cancellationToken);
            }

            LogOverdue(stored.Value.RefundId, stored.Value.OrganizationId, stored.Value.NextMove.ToString(), stored.Value.NextMoveDueAt);
            overdue++;
        }

        return overdue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} of {OrganizationId} overdue for {Move} since {DueAt}: its orchestration was woken or started")]
    private partial void LogOverdue(string refundId, string organizationId, string move, DateTimeOffset dueAt);
}
