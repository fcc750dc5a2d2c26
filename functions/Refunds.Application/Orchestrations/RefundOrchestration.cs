using Microsoft.DurableTask;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Orchestrations;

/// <summary>
/// Drives one ledger record: run the activity for its next move when it is due, sleep on a durable timer until then,
/// wake early on an external event. The record decides (pure domain code inside the activities); this loop only
/// schedules, so it stays deterministic under replay. Output: the record's final runtime status.
/// </summary>
public abstract class RefundOrchestration : TaskOrchestrator<RefundView, string>
{
    /// <summary>Turns per execution before the history is trimmed with continue-as-new (a long poll adds one per turn).</summary>
    private const int TurnsPerExecution = 50;

    /// <summary>Stripe, Intacct and storage hiccups: retried inside one turn before the record's own retry time applies.</summary>
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>Used when an activity failed without recording when to try again (a bug, or storage down).</summary>
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(30);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, RefundView input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var waits = new WorkflowEventWaits(context);
        var view = input;
        for (var turn = 0; ; turn++)
        {
            context.SetCustomStatus(view.Status);
            if (view.Move == WorkflowMove.None)
            {
                return view.Status.RuntimeStatus;
            }

            if (turn == TurnsPerExecution)
            {
                context.ContinueAsNew(view, preserveUnprocessedEvents: true);
                return view.Status.RuntimeStatus;
            }

            if (view.DueAt.UtcDateTime > context.CurrentUtcDateTime)
            {
                await waits.UntilAsync(view.DueAt.UtcDateTime);
                view = await ReadAsync(context, view.Instance);
                continue;
            }

            try
            {
                view = await context.CallActivityAsync<RefundView>(RefundActivityNames.For(view.Move), view.Instance, ActivityRetry);
            }
            catch (TaskFailedException)
            {
                // The activity recorded the error and its retry time on the record when it could; else pause anyway.
                view = await ReadAsync(context, view.Instance);
                if (view.DueAt.UtcDateTime <= context.CurrentUtcDateTime)
                {
                    view = view with { DueAt = context.CurrentUtcDateTime + FailurePause };
                }
            }
        }
    }

    private static Task<RefundView> ReadAsync(TaskOrchestrationContext context, RefundInstance instance) =>
        context.CallActivityAsync<RefundView>(nameof(Activities.ReadRefundActivity), instance, ActivityRetry);
}

/// <summary>An admin's refund through Stripe; instance id = refund id.</summary>
public sealed class RefundOrchestrator : RefundOrchestration;

/// <summary>A bank debit that failed after it succeeded: reopen the invoices, reverse in Intacct; instance id = reversal id.</summary>
public sealed class LateFailureOrchestrator : RefundOrchestration;

/// <summary>An Intacct reversal ops asked to run again after it failed; instance id = record id + attempt.</summary>
public sealed class IntacctReversalOrchestrator : RefundOrchestration;
