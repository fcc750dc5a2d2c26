using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Refunds.ReadmeTests;

/// <summary>
/// Runs the README's bash blocks one after the other in one bash, as a reader would in one terminal (variables and
/// functions carry over), from the repository root, and splits what they print by block.
/// </summary>
public static class BashRun
{
    private const string Marker = "@@readme-block ";
    private const string EndMarker = "@@readme-end@@";

    public static async Task<BashResult> RunAsync(IReadOnlyList<ReadmeBlock> blocks, string repositoryRoot, Func<string, string> adapt, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(adapt);
        var script = new StringBuilder();
        foreach (var block in blocks)
        {
            script.Append(CultureInfo.InvariantCulture, $"printf '\\n{Marker}%d@@\\n' {block.Index}\n");
            script.Append(adapt(block.Script)).Append('\n');
        }

        script.Append(CultureInfo.InvariantCulture, $"printf '\\n{EndMarker}\\n'\n");
        var path = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(path, script.ToString());
        try
        {
            return await RunScriptAsync(path, repositoryRoot, timeout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<BashResult> RunScriptAsync(string path, string repositoryRoot, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--noprofile");
        start.ArgumentList.Add("--norc");
        start.ArgumentList.Add(path);

        // ./mint-token.sh runs `dotnet`: the one running the tests, whatever PATH says.
        var dotnetDirectory = Path.GetDirectoryName(LocalRunProcess.DotnetHost());
        if (!string.IsNullOrEmpty(dotnetDirectory))
        {
            start.Environment["PATH"] = dotnetDirectory + Path.PathSeparator + start.Environment["PATH"];
        }

        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await bash.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            bash.Kill(entireProcessTree: true);
            await bash.WaitForExitAsync();
        }

        return new BashResult(Split(await stdout), await stdout, await stderr, timedOut);
    }

    /// <summary>Output lines per block index; a block that never started (bash died, or timed out) is absent.</summary>
    private static Dictionary<int, List<string>> Split(string stdout)
    {
        var byBlock = new Dictionary<int, List<string>>();
        List<string>? current = null;
        foreach (var line in stdout.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal) && line.EndsWith("@@", StringComparison.Ordinal))
            {
                current = [];
                byBlock[int.Parse(line[Marker.Length..^2], CultureInfo.InvariantCulture)] = current;
            }
            else if (line == EndMarker)
            {
                current = null;
                byBlock[-1] = [];
            }
            else
            {
                current?.Add(line);
            }
        }

        return byBlock;
    }
}

/// <summary>What the blocks printed (by block index; key -1 present once the last block has finished), and bash's stderr.</summary>
public sealed record BashResult(IReadOnlyDictionary<int, List<string>> OutputByBlock, string Stdout, string Stderr, bool TimedOut)
{
    public bool Finished => OutputByBlock.ContainsKey(-1);
}
