using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Refunds.Http.OpsConsole;

/// <summary>
/// The ops console's static files, embedded in this assembly (see the csproj) so that both hosts serve the same bytes
/// and the Functions package needs no content folder. Only these files are ever served: a path is a dictionary key,
/// never a file system path.
/// </summary>
public static class ConsoleAssets
{
    private const string ResourcePrefix = "OpsConsole/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, ConsoleAsset>> All = new(Load);

    /// <summary>Paths relative to the console's root (<c>index.html</c>, <c>views/refund.js</c>).</summary>
    public static IEnumerable<string> Paths => All.Value.Keys;

    public static ConsoleAsset? Find(string path) => All.Value.GetValueOrDefault(path);

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var extension = System.IO.Path.GetExtension(path);

            // A file type without a media type here would be served as something the browser guesses: refuse to start.
            if (!ContentTypes.TryGetValue(extension, out var contentType))
            {
                throw new InvalidOperationException($"Ops console file {path} has no known media type ({extension}).");
            }

            var content = Read(assembly, name);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
            assets[path] = new ConsoleAsset(path, content, contentType, etag);
        }

        if (!assets.ContainsKey("index.html"))
        {
            throw new InvalidOperationException("The ops console's index.html is not embedded.");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
