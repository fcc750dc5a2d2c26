using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Refunds.TestSupport;

namespace Refunds.ChaosTests;

/// <summary>
/// The app as its own OS process (<c>dotnet Refunds.Api.dll</c>), configured only through environment variables,
/// on a fresh loopback port at every start, so it can be killed with SIGKILL like a crashed host. Lines containing one
/// of <paramref name="watchFor"/> (case-insensitive) are kept in full, however long the output grows past its tail.
/// </summary>
internal sealed class AppProcess(IReadOnlyDictionary<string, string> settings, IReadOnlyList<string>? watchFor = null) : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    // Inherited settings that would change how the app runs (custom-handler mode, development settings).
    private static readonly string[] Scrubbed = ["FUNCTIONS_CUSTOMHANDLER_PORT", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];

    private readonly OutputTail _output = new(300);
    private readonly List<string> _unexpectedExits = [];
    private readonly ConcurrentQueue<string> _watchedLines = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    /// <summary>Exits nobody asked for (a crash of the app itself), with their exit codes.</summary>
    public IReadOnlyList<string> UnexpectedExits => _unexpectedExits;

    public string Output => _output.Text;

    /// <summary>Every line printed so far, over every start, that contains one of the watched strings.</summary>
    public IReadOnlyCollection<string> WatchedLines => _watchedLines;

    /// <summary>The OS process id of the current start; null while not started.</summary>
    public int? ProcessId => _process?.Id;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the app and waits until it answers; retries on a fresh port if another process took the chosen one meanwhile.</summary>
    public async Task StartAsync(HttpClient http)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The app is already running.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var process = Launch();
            try
            {
                await WaitUntilHealthyAsync(http, process);
                return;
            }
            catch (AppExitedException) when (attempt < StartAttempts && _output.Text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                _process = null;
                AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
                process.Dispose();
            }
        }
    }

    private Process Launch()
    {
        var dll = AppDll();
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var name in Scrubbed)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        Starts++;
        var generation = Starts;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Record(e.Data is null ? null : $"[app {generation}] {e.Data}");
        process.ErrorDataReceived += (_, e) => Record(e.Data is null ? null : $"[app {generation} stderr] {e.Data}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _output.Add($"[app {generation}] started as pid {process.Id} on {BaseAddress}");
        return process;
    }

    /// <summary>SIGKILL (on Linux, <see cref="Process.Kill(bool)"/> sends it): no shutdown code runs, messages in flight stay hidden until their visibility timeout.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        _process = null;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (process.HasExited)
            {
                _unexpectedExits.Add($"app {Starts} (pid {process.Id}) had exited by itself with code {process.ExitCode}");
            }
            else
            {
                process.Kill(entireProcessTree: true);
                Kills++;
            }

            using var timeout = new CancellationTokenSource(ExitTimeout);
            await process.WaitForExitAsync(timeout.Token);
            _output.Add($"[app {Starts}] killed, exit code {process.ExitCode}");
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private void Record(string? line)
    {
        _output.Add(line);
        if (line is not null && watchFor?.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase)) == true)
        {
            _watchedLines.Enqueue(line);
        }
    }

    private async Task WaitUntilHealthyAsync(HttpClient http, Process process)
    {
        var clock = Stopwatch.StartNew();
        var health = new Uri(BaseAddress, "/api/health");
        while (true)
        {
            if (process.HasExited)
            {
                throw new AppExitedException($"The app exited with code {process.ExitCode} while starting. Output:\n{_output.Text}");
            }

            try
            {
                using var response = await http.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The app did not answer {health} within {StartTimeout.TotalSeconds} s. Output:\n{_output.Text}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The build output of the referenced Functions project, copied next to this assembly with its runtimeconfig.</summary>
    private static string AppDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Refunds.Api.dll");
        var runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
        return File.Exists(dll) && File.Exists(runtimeConfig)
            ? dll
            : throw new InvalidOperationException($"{dll} or {runtimeConfig} is missing: build the chaos test project, which references Refunds.Api.");
    }

    /// <summary>The dotnet that runs the tests (the CLI exports its path), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
