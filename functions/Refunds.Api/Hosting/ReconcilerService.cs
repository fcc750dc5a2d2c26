using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Refunds.Application.Orchestrations;

namespace Refunds.Api.Hosting;

/// <summary>The local host's stand-in for the Reconciler timer function.</summary>
public sealed class ReconcilerService(
    OrchestrationReconciler reconciler,
    DurableTaskClient durable,
    TimeProvider time,
    IOptions<HostingOptions> options,
    ILogger<ReconcilerService> logger) : PeriodicService(time, logger)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override string FailureMessage => "Reconciling refund records with their orchestrations failed";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => reconciler.ReconcileAsync(durable, cancellationToken);
}
