using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Refunds.TestSupport;

namespace Refunds.ReadmeTests;

/// <summary>
/// <c>./run-local.sh</c> without its build step: the local run's own program (<c>dotnet Refunds.LocalRun.dll</c>, from
/// this project's output) as its own process, from the repository root, on free ports instead of the fixed ones so that
/// a local run someone has open does not collide. Ready once it prints the line its idle block ends with.
/// </summary>
public sealed class LocalRunProcess : IAsyncDisposable
{
    public const string ReadyLine = "Press Ctrl+C to stop.";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly OutputTail output = new(200);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalRunProcess(Process process, int appPort, int stripePort, int intacctPort)
    {
        this.process = process;
        AppPort = appPort;
        StripePort = stripePort;
        IntacctPort = intacctPort;
    }

    public int AppPort { get; }

    public int StripePort { get; }

    public int IntacctPort { get; }

    /// <summary>The last lines the local run printed, for failure messages.</summary>
    public string Output => output.Text;

    public static async Task<LocalRunProcess> StartAsync(string repositoryRoot)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Refunds.LocalRun.dll");
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"{dll} or its runtimeconfig is missing: build this project, which references tools/Refunds.LocalRun.");
        }

        var (appPort, stripePort, intacctPort) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (option, port) in new[] { ("--app-port", appPort), ("--stripe-port", stripePort), ("--intacct-port", intacctPort) })
        {
            start.ArgumentList.Add(option);
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        // As on a newcomer's machine: both stand-ins, and nothing a test runner may have set for the app.
        foreach (var name in new[] { "Stripe__ApiKey", "Intacct__SenderId", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        var localRun = new LocalRunProcess(new Process { StartInfo = start }, appPort, stripePort, intacctPort);
        await localRun.WaitUntilReadyAsync();
        return localRun;
    }

    public async ValueTask DisposeAsync()
    {
        using (process)
        {
            if (process.HasExited)
            {
                return;
            }

            // SIGTERM, as a terminal's stop would: the local run disposes Azurite (its child) on the way out.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first == ready.Task)
        {
            return;
        }

        var why = first == exited ? $"exited with code {process.ExitCode}" : $"did not print \"{ReadyLine}\" within {StartTimeout.TotalMinutes} minutes";
        await DisposeAsync();
        throw new InvalidOperationException($"The local run {why}. Its output:\n{output.Text}");
    }

    private void Record(string? line)
    {
        output.Add(line);
        if (line?.Trim() == ReadyLine)
        {
            ready.TrySetResult();
        }
    }

    /// <summary>The dotnet that runs the tests (the CLI exports its path), else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
