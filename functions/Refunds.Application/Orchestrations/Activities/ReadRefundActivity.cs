using Microsoft.DurableTask;
using Refunds.Application.Ports;

namespace Refunds.Application.Orchestrations.Activities;

/// <summary>The record as it is now: after a wake-up, an event or a failed activity, the orchestration re-reads it.</summary>
public sealed class ReadRefundActivity(ILedgerStore ledger) : TaskActivity<RefundInstance, RefundView>
{
    public override async Task<RefundView> RunAsync(TaskActivityContext context, RefundInstance input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await ledger.GetWorkflowAsync(input.OrganizationId, input.RefundId, CancellationToken.None);
        return stored is null ? RefundView.Missing(input) : RefundView.Of(stored.Value);
    }
}
