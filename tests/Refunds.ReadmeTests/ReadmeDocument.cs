using System.Text.RegularExpressions;

namespace Refunds.ReadmeTests;

/// <summary>
/// The README's runnable blocks, in order: every <c>```bash</c> fence, with the <c>```text</c> fence right after it (no
/// other fence in between) as what it prints. A bash block without one must print nothing. Blocks that must not run
/// here (Core Tools, which this machine does not have) are fenced <c>```sh</c>.
/// </summary>
public sealed record ReadmeDocument(IReadOnlyList<ReadmeBlock> Blocks)
{
    private const string Fence = "```";

    public static ReadmeDocument Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var blocks = new List<ReadmeBlock>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        string? heading = null;
        string? previousFence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                heading = lines[i].TrimStart('#').Trim();
                continue;
            }

            if (!lines[i].StartsWith(Fence, StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i][Fence.Length..].Trim();
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith(Fence, StringComparison.Ordinal))
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"README line {i + 1}: the {info} fence is never closed.");
            }

            var body = lines[start..end];
            if (info == "bash")
            {
                blocks.Add(new ReadmeBlock(blocks.Count, heading ?? "(top)", start + 1, string.Join('\n', body), []));
            }
            else if (info == "text" && previousFence == "bash")
            {
                blocks[^1] = blocks[^1] with { ExpectedOutput = [.. body.Where(l => l.Trim().Length > 0).Select(l => l.TrimEnd())] };
            }

            previousFence = info;
            i = end;
        }

        return new ReadmeDocument(blocks);
    }
}

/// <summary>One bash block: where it is (its section, the README line its first command is on), its text, what it prints.</summary>
public sealed record ReadmeBlock(int Index, string Section, int Line, string Script, IReadOnlyList<string> ExpectedOutput)
{
    /// <summary>The ellipsis of the README's outputs: any text on that line (ids that differ from run to run).</summary>
    public const string AnyText = "…";

    /// <summary>Null when <paramref name="actualLines"/> is what the README says, else what differs, for a reader.</summary>
    public string? Compare(IReadOnlyList<string> actualLines)
    {
        ArgumentNullException.ThrowIfNull(actualLines);
        var actual = actualLines.Where(l => l.Trim().Length > 0).Select(l => l.TrimEnd()).ToList();
        for (var i = 0; i < Math.Max(actual.Count, ExpectedOutput.Count); i++)
        {
            var expected = i < ExpectedOutput.Count ? ExpectedOutput[i] : null;
            var got = i < actual.Count ? actual[i] : null;
            if (expected is null || got is null || !Matches(expected, got))
            {
                return $"output line {i + 1}: the README says {Quote(expected)}, the run printed {Quote(got)}";
            }
        }

        return null;
    }

    public static bool Matches(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var pattern = "^" + string.Join(".*", expected.Split(AnyText).Select(Regex.Escape)) + "$";
        return Regex.IsMatch(actual, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static string Quote(string? line) => line is null ? "nothing more" : $"\"{line}\"";
}
