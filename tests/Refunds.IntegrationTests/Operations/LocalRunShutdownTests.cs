using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

/// <summary>
/// Ctrl+C on <c>./run-local.sh</c>: the terminal sends SIGINT to the whole foreground process group. Everything must be
/// gone within 3 s and say nothing alarming on the way out (the app stops its Durable engine against a live Azurite,
/// and Azurite, in a group of its own, is stopped last). Alone, after the parallel tests: it times a process.
/// </summary>
[Collection(Name)]
public sealed class LocalRunShutdownTests
{
    public const string Name = "local run, alone";

    private const int AppPort = 7071;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(3);

    // The process group of its own that a terminal gives a command, and SIGINT at its default: a shell without job
    // control (CI, or test.sh running projects in the background) starts commands with SIGINT ignored, and .NET keeps that.
    private const string Launcher =
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])";

    [Fact]
    public async Task CtrlC_IdleLocalRun_EverythingStopsWithin3sWithoutWarnings()
    {
        Assert.False(IsListening(AppPort), $"port {AppPort} is taken (a ./run-local.sh still running?): the local run needs it");
        var output = new StringBuilder();
        using var process = Start(output);
        try
        {
            await Poll.UntilAsync(
                () => Task.FromResult(Text(output).Contains("Press Ctrl+C to stop", StringComparison.Ordinal) || process.HasExited),
                ReadyTimeout,
                "the local run to be ready",
                TimeSpan.FromMilliseconds(100));
            Assert.False(process.HasExited, $"the local run exited before it was ready:\n{Text(output)}");
            var azuritePort = AzuriteTablePort(Text(output));
            Assert.True(IsListening(azuritePort), $"Azurite is not listening on its table port {azuritePort}");
            var before = Text(output).Length;

            var clock = Stopwatch.StartNew();
            await SignalGroupAsync(process.Id, "INT");
            using var budget = new CancellationTokenSource(StopBudget);
            await process.WaitForExitAsync(budget.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            var stoppedIn = clock.Elapsed;
            Assert.True(process.HasExited, $"the local run was still running {StopBudget.TotalSeconds} s after SIGINT:\n{Text(output)[before..]}");

            process.WaitForExit(); // the redirected streams to their end
            var after = Text(output)[before..];
            var alarming = after.Split('\n').Where(line => line.StartsWith("warn", StringComparison.Ordinal) || line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith("crit", StringComparison.Ordinal)).ToList();
            Assert.True(alarming.Count == 0, $"warnings after SIGINT (stopped in {stoppedIn.TotalSeconds:0.0} s):\n{after}");
            Assert.Equal(0, process.ExitCode);
            Assert.False(IsListening(AppPort), "the app still listens after the local run exited");
            Assert.False(IsListening(azuritePort), "Azurite still listens after the local run exited");
        }
        finally
        {
            if (!process.HasExited)
            {
                await SignalGroupAsync(process.Id, "KILL");
            }
        }
    }

    /// <summary>The local run as <c>./run-local.sh</c> starts it (<c>dotnet run</c>), on this test's build, in a new process group.</summary>
    private static Process Start(StringBuilder output)
    {
        var root = RepositoryRoot.Find();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Launcher, dotnet, "run", "--no-build", "-c", configuration, "--project", Path.Combine(root, "tools", "Refunds.LocalRun") })
        {
            start.ArgumentList.Add(argument);
        }

        // The stand-ins, not a real Stripe or Intacct, whatever this machine's environment says.
        start.Environment.Remove("Stripe__ApiKey");
        start.Environment.Remove("Intacct__SenderId");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>kill(1) to the process group (.NET signals single processes only).</summary>
    private static async Task SignalGroupAsync(int processGroup, string signal)
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false };
        kill.ArgumentList.Add("-" + signal);
        kill.ArgumentList.Add("--");
        kill.ArgumentList.Add("-" + processGroup.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(kill)!;
        await process.WaitForExitAsync();
    }

    private static int AzuriteTablePort(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"table port (\d+)");
        Assert.True(match.Success, $"the local run did not say Azurite's table port:\n{output}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

[CollectionDefinition(LocalRunShutdownTests.Name, DisableParallelization = true)]
public sealed class LocalRunShutdownCollection
{
}
