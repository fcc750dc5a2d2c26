using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Refunds.Application.Orchestrations;
using Refunds.Application.Reconciliation;

namespace Refunds.Functions.Durable;

/// <summary>
/// One orchestration trigger per orchestrator of the application, named after its class: the name the application
/// schedules it by. The classes are stateless, so a new one per episode costs nothing and shares nothing.
/// </summary>
public static class OrchestratorTriggers
{
    [Function(nameof(RefundOrchestrator))]
    public static Task<string> RunRefund([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RefundOrchestrator().RunAsync(context, InputOf<RefundRun>(context));

    [Function(nameof(LateFailureOrchestrator))]
    public static Task<string> RunLateFailure([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new LateFailureOrchestrator().RunAsync(context, InputOf<RefundRun>(context));

    [Function(nameof(IntacctReversalOrchestrator))]
    public static Task<string> RunIntacctReversal([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new IntacctReversalOrchestrator().RunAsync(context, InputOf<RefundRun>(context));

    [Function(nameof(ReconciliationOrchestrator))]
    public static Task<string> RunReconciliation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReconciliationOrchestrator().RunAsync(context, InputOf<ReconciliationInput>(context));

    private static T InputOf<T>(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetInput<T>() ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no {typeof(T).Name} input.");
    }
}
