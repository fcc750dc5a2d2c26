using System.Reflection;
using System.Text.Json.Nodes;
using Refunds.TestSupport;

namespace Refunds.Functions.Tests.Support;

/// <summary>One function as the built functions.metadata describes it to the Functions host.</summary>
internal sealed record FunctionEntry(string Name, string ScriptFile, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    public JsonObject? Trigger => Bindings.SingleOrDefault(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));

    public string? TriggerType => (string?)Trigger?["type"];

    public bool Binds(string type) => Bindings.Any(b => (string?)b["type"] == type);

    /// <summary>
    /// functions.metadata as `dotnet build` wrote it next to Refunds.Functions.dll, for the configuration these
    /// tests were built in (the test build builds the app first, so it is never stale).
    /// </summary>
    public static IReadOnlyList<FunctionEntry> ReadBuilt()
    {
        var configuration = typeof(FunctionEntry).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot.Find(), "functions", "Refunds.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .Select(f => new FunctionEntry(
                (string)f!["name"]!,
                (string)f["scriptFile"]!,
                (string)f["entryPoint"]!,
                f["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList()))
            .ToList();
    }
}
