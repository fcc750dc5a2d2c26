namespace Refunds.Http.Health;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long a dependency may take to answer before it counts as unhealthy (the SDK would retry for longer).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
