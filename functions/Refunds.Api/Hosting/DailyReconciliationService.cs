using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Refunds.Application.Reconciliation;

namespace Refunds.Api.Hosting;

/// <summary>
/// The local host's stand-in for the DailyReconciliation timer function: every
/// <see cref="HostingOptions.DailyReconciliationCheckInterval"/> it starts the day's run if it is due and not started
/// (the run's id is the day's, so a check after it started changes nothing), and so also catches up after downtime.
/// </summary>
public sealed class DailyReconciliationService(
    DailyReconciliation daily,
    DurableTaskClient durable,
    TimeProvider time,
    IOptions<HostingOptions> options,
    ILogger<DailyReconciliationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DailyReconciliationCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await daily.StartDueAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; a failed check must not stop the timer.
                logger.LogError(ex, "Starting the daily reconciliation with Stripe failed");
            }
        }
    }
}
