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
    ILogger<DailyReconciliationService> logger) : PeriodicService(time, logger)
{
    protected override TimeSpan Interval => options.Value.DailyReconciliationCheckInterval;

    protected override string FailureMessage => "Starting the daily reconciliation with Stripe failed";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => daily.StartDueAsync(durable, cancellationToken);
}
