namespace Refunds.Api.Hosting;

public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>How often the standalone app sweeps for stalled workflows (the Sweeper timer function in Azure).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the queue listeners and the sweeper in-process; off under the Functions host, which triggers them.</summary>
    public bool? Standalone { get; set; }

    /// <summary>How long a message being handled stays hidden; a crashed handler's message returns after it (the host's default).</summary>
    public TimeSpan QueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest pause between polls of an idle queue.</summary>
    public TimeSpan QueueMaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
