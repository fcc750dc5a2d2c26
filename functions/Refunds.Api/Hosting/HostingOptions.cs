namespace Refunds.Api.Hosting;

public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>How often the local host looks for records without a running orchestration (the Reconciler timer function in Azure).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}
