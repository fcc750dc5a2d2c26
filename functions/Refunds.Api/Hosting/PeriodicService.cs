namespace Refunds.Api.Hosting;

/// <summary>
/// The local host's stand-in for a timer function: runs a pass every <see cref="Interval"/> on the host's clock. A
/// failed pass is logged and the next tick tries again; a failure must not stop the timer.
/// </summary>
public abstract class PeriodicService(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>Logged with the exception when a pass fails.</summary>
    protected abstract string FailureMessage { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Failure}", FailureMessage);
            }
        }
    }
}
