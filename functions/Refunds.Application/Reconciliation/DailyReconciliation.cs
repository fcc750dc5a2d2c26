using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Refunds.Application.Reconciliation;

/// <summary>
/// The daily run: after <see cref="ReconciliationOptions.DailyRunAfter"/> (UTC), the previous
/// <see cref="ReconciliationOptions.DailyDays"/> whole days, for every connected account the activity index names for
/// them. Its id is the day's, so calling this again that day (another tick, another host) starts nothing new; it only
/// reschedules the run if its orchestration went missing.
/// </summary>
public sealed class DailyReconciliation(ReconciliationStarter starter, TimeProvider time, IOptions<ReconciliationOptions> options)
{
    public const string RequestedBy = "daily";

    /// <summary>The day's run, started if it was not; null before the time of day it is due.</summary>
    public async Task<ReconciliationRun?> StartDueAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now.UtcDateTime.TimeOfDay < options.Value.DailyRunAfter)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var to = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var run = new ReconciliationRun
        {
            RunId = ReconciliationIds.DailyRunId(today),
            From = to.AddDays(-Math.Max(1, options.Value.DailyDays)),
            To = to,
            RequestedBy = RequestedBy,
            Status = ReconciliationStatus.Pending,
            CreatedAt = now,
        };
        return await starter.StartAsync(durable, run, cancellationToken);
    }
}
