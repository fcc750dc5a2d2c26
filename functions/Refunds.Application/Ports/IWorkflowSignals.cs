using Microsoft.DurableTask.Client;
using Refunds.Application.Orchestrations;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Ports;

/// <summary>
/// Tells the orchestrations what the ledger just recorded. Always called after the commit: the record is the truth,
/// a signal only makes an orchestration act on it now instead of at its next timer. The client is the caller's: under
/// Azure Functions a client exists only as a function's <c>[DurableClient]</c> binding, so it is passed in, never held.
/// </summary>
public interface IWorkflowSignals
{
    /// <summary>
    /// Starts the orchestration that drives the record (the refund, the late-failure reversal, or an Intacct reversal
    /// ops retried), unless it already runs or the record needs none. Safe to repeat.
    /// </summary>
    Task StartAsync(DurableTaskClient durable, RefundWorkflow workflow, CancellationToken cancellationToken);

    /// <summary>Raises <paramref name="signal"/> on the record's orchestration, or starts it if it is missing or ended early.</summary>
    Task RaiseAsync(DurableTaskClient durable, RefundWorkflow workflow, IRefundSignal signal, CancellationToken cancellationToken);
}
