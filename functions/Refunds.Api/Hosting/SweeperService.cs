using Microsoft.Extensions.Options;
using Refunds.Application.Workflow;

namespace Refunds.Api.Hosting;

/// <summary>The standalone stand-in for the Sweeper timer function.</summary>
public sealed class SweeperService(
    StalledWorkflowSweeper sweeper,
    TimeProvider time,
    IOptions<HostingOptions> options,
    ILogger<SweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; a failed sweep must not stop the timer.
                logger.LogError(ex, "Sweep for stalled workflows failed");
            }
        }
    }
}
