using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Refunds.Functions.Logging;

/// <summary>
/// The worker's defaults for the Durable Task framework's log categories (<c>DurableTask.*</c>,
/// <c>Microsoft.DurableTask.*</c>): Warning. At Information they write a line per dequeue, lease and checkpoint (about
/// half of all log lines of a busy minute), while the app's own <c>Refunds.*</c> lines stay at Information. Prefixes,
/// not each category, so that <c>Logging__LogLevel__DurableTask=Information</c>, a name without a dot, raises them.
/// The worker has no appsettings.json, so these are a configuration source of their own.
/// </summary>
public static class FrameworkLogLevels
{
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:DurableTask"] = "Warning",
        ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
    };

    /// <summary>
    /// First in the list, so every other source (app settings, environment variables such as
    /// <c>Logging__LogLevel__Microsoft.DurableTask=Information</c>) overrides it.
    /// </summary>
    public static void AddAsLowestPrecedence(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
    }
}
