using System.Globalization;
using System.Text;

namespace Refunds.Benchmarks;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
internal sealed record Stats(int Count, double Median, double P90, double P99, double Min, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[0], sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Results as a markdown table, so they can be pasted into BENCHMARKS.md as printed.</summary>
internal static class Markdown
{
    public static string StatsTable(IEnumerable<(string Name, Stats Stats)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| measurement | n | median ms | p90 ms | p99 ms | min ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, s) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {s.Count} | {F(s.Median)} | {F(s.P90)} | {F(s.P99)} | {F(s.Min)} | {F(s.Max)} |");
        }

        return text.ToString();
    }

    public static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    public static string Settings(IReadOnlyDictionary<string, string?> settings) =>
        string.Join(", ", settings
            .Where(s => !s.Key.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) && !s.Key.Contains("ApiKey", StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"`{s.Key}={s.Value}`"));

    public static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);
}
