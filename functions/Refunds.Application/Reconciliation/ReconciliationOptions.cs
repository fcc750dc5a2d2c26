namespace Refunds.Application.Reconciliation;

public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>The longest window one run may cover.</summary>
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromDays(31);

    /// <summary>Refunds per Stripe list request (Stripe allows 1-100).</summary>
    public int StripePageSize { get; set; } = 100;

    /// <summary>Ledger point reads in flight at once while comparing one page.</summary>
    public int ReadConcurrency { get; set; } = 16;

    /// <summary>
    /// The daily run starts after this time of day (UTC), for the days before today. Before the Functions timer's 00:30,
    /// so a timer that fires a little early still starts it.
    /// </summary>
    public TimeSpan DailyRunAfter { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How many days before today the daily run covers (1: the previous day).</summary>
    public int DailyDays { get; set; } = 1;

    public int MaxFindingsPageSize { get; set; } = 1000;
}
