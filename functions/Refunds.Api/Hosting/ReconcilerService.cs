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
    ILogger<ReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await reconciler.ReconcileAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; a failed pass must not stop the timer.
                logger.LogError(ex, "Reconciling refund records with their orchestrations failed");
            }
        }
    }
}
