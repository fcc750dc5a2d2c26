namespace Refunds.Api.Hosting;

public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>How often the local host looks for records without a running orchestration (the Reconciler timer function in Azure).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the local host checks whether the day's reconciliation with Stripe is due and started (the
    /// DailyReconciliation timer function in Azure runs once a day instead). The check is one table read once started.
    /// </summary>
    public TimeSpan DailyReconciliationCheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}
