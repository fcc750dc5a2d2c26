using System.Text;
using Refunds.TestSupport;

namespace Refunds.ReadmeTests;

/// <summary>
/// The README runs top to bottom: every <c>```bash</c> block, in order, in one bash, against a fresh local run, prints
/// exactly what the <c>```text</c> block under it says (<c>…</c> for ids). Any drift between the README, the app, the
/// stand-ins and the local run fails here.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The README's fixed addresses, which the test moves to the free ports its local run listens on.</summary>
    private static readonly string[] FixedAddresses = ["127.0.0.1:7071", "127.0.0.1:12111", "127.0.0.1:12112"];

    [Fact]
    public async Task Readme_BashBlocksInOrderAgainstAFreshLocalRun_PrintWhatTheTextSays()
    {
        var root = RepositoryRoot.Find();
        var readme = ReadmeDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        Assert.True(readme.Blocks.Count(b => b.ExpectedOutput.Count > 0) >= 8, "The README should show what its recipes print (7 refund paths in Local run, and the credit memo example).");
        Assert.True(await OnPathAsync("jq"), "jq is a prerequisite of the README's recipes (README, Prerequisites).");

        await using var localRun = await LocalRunProcess.StartAsync(root);
        string Adapt(string script) => script
            .Replace(FixedAddresses[0], $"127.0.0.1:{localRun.AppPort}", StringComparison.Ordinal)
            .Replace(FixedAddresses[1], $"127.0.0.1:{localRun.StripePort}", StringComparison.Ordinal)
            .Replace(FixedAddresses[2], $"127.0.0.1:{localRun.IntacctPort}", StringComparison.Ordinal);
        foreach (var block in readme.Blocks)
        {
            // Any other spelling of the fixed ports would reach past this test's local run (say to one a developer has open).
            var moved = Adapt(block.Script);
            Assert.DoesNotContain(":7071", moved, StringComparison.Ordinal);
            Assert.DoesNotContain(":12111", moved, StringComparison.Ordinal);
            Assert.DoesNotContain(":12112", moved, StringComparison.Ordinal);
        }

        var result = await BashRun.RunAsync(readme.Blocks, root, Adapt, ScriptTimeout);

        var failures = readme.Blocks.Select(b => Check(b, result)).OfType<string>().ToList();
        if (!result.Finished)
        {
            failures.Add(result.TimedOut ? $"The blocks did not finish within {ScriptTimeout.TotalMinutes} minutes." : "bash stopped before the last block finished.");
        }

        Assert.True(failures.Count == 0, Report(failures, result, localRun));
    }

    private static string? Check(ReadmeBlock block, BashResult result)
    {
        var where = $"README block {block.Index + 1} (section \"{block.Section}\", line {block.Line})";
        if (!result.OutputByBlock.TryGetValue(block.Index, out var lines))
        {
            return $"{where} never ran.";
        }

        return block.Compare(lines) is { } difference
            ? $"{where}: {difference}.\nThe block:\n{block.Script}\nIt printed:\n{string.Join('\n', lines.Where(l => l.Trim().Length > 0))}"
            : null;
    }

    private static string Report(List<string> failures, BashResult result, LocalRunProcess localRun)
    {
        var report = new StringBuilder();
        report.AppendJoin("\n\n", failures);
        report.Append("\n\n--- bash stderr (last 60 lines) ---\n").AppendJoin('\n', Tail(result.Stderr, 60));
        report.Append("\n\n--- local run output (last lines) ---\n").Append(localRun.Output);
        return report.ToString();
    }

    private static IEnumerable<string> Tail(string text, int count)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines.Skip(Math.Max(0, lines.Length - count));
    }

    private static async Task<bool> OnPathAsync(string tool)
    {
        using var which = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", $"command -v {tool}"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        await which.StandardOutput.ReadToEndAsync();
        await which.WaitForExitAsync();
        return which.ExitCode == 0;
    }
}
