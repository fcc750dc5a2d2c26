namespace Refunds.Http.Telemetry;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// <c>none</c>, <c>console</c> or <c>azuremonitor</c>. Unset: <c>azuremonitor</c> where
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, otherwise <c>none</c> (in Development too: <c>console</c> is opt-in).
    /// </summary>
    public string? Exporter { get; set; }
}
