using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>Instance ids and orchestrator names, derived from the record so a repeated start finds the same instance.</summary>
public static class OrchestrationIds
{
    /// <summary>The instance that drives the record's next move, and the orchestrator it runs.</summary>
    public static (string InstanceId, string Orchestrator) For(RefundWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.IsTerminal)
        {
            // The refund's own instance has finished: each reversal ops retry gets an instance of its own.
            return ($"{workflow.RefundId}-intacct-{workflow.IntacctRetries}", nameof(IntacctReversalOrchestrator));
        }

        return workflow.Kind == WorkflowKind.Refund
            ? (workflow.RefundId, nameof(RefundOrchestrator))
            : (workflow.RefundId, nameof(LateFailureOrchestrator));
    }

    /// <summary>The instance whose events a live record's orchestration waits for: its own.</summary>
    public static string Of(RefundWorkflow workflow) => workflow?.RefundId ?? throw new ArgumentNullException(nameof(workflow));
}
