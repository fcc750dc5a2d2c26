using System.Globalization;

namespace Refunds.Application.Reconciliation;

public static class ReconciliationIds
{
    public static string NewRunId(Guid guid) => "rc_" + guid.ToString("N");

    /// <summary>One daily run per day it ends on: a timer that fires twice, or two hosts, start it once.</summary>
    public static string DailyRunId(DateOnly today) => "rc_daily_" + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Every UTC day that [<paramref name="from"/>, <paramref name="to"/>) touches.</summary>
    public static IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var last = DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1));
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
