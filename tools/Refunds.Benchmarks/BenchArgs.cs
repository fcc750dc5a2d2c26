using System.Globalization;

namespace Refunds.Benchmarks;

/// <summary><c>scenario --name value ... --set Section:Key=value ...</c></summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    private BenchArgs(string scenario) => Scenario = scenario;

    public string Scenario { get; }

    /// <summary>App settings on top of the production defaults (repeat <c>--set Key=Value</c>).</summary>
    public Dictionary<string, string?> AppSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static BenchArgs Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("The first argument names the scenario: latency, overhead, bulk, webhooks, partitions, durable-latency, storage or reconcile.");
        }

        var parsed = new BenchArgs(args[0].ToLowerInvariant());
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value at '{args[i]}'.");
            }

            var name = args[i][2..];
            var value = args[i + 1];
            if (name.Equals("set", StringComparison.OrdinalIgnoreCase))
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ArgumentException($"--set needs Key=Value, got '{value}'.");
                }

                parsed.AppSettings[value[..eq]] = value[(eq + 1)..];
            }
            else
            {
                parsed._values[name] = value;
            }
        }

        return parsed;
    }

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Milliseconds(string name, int fallback) => TimeSpan.FromMilliseconds(Int(name, fallback));

    public TimeSpan Seconds(string name, int fallback) => TimeSpan.FromSeconds(Int(name, fallback));
}
