using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Refunds.TestSupport;

/// <summary>
/// Runs Azurite (the repo's npm dev dependency) on free loopback ports, in memory unless told otherwise, for the
/// lifetime of a test class or collection. Share one per collection (<c>ICollectionFixture&lt;AzuriteFixture&gt;</c>)
/// and give every test its own table and queue names (<see cref="NewName"/>), so tests never see each other's data.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key; not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 3;
    // Node starts Azurite in a second or two on an idle machine; a 2-core machine running test projects side by side,
    // with other builds beside them, has been seen to take over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly OutputTail _output = new(50);
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "refunds-azurite-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private (int Blob, int Queue, int Table)? _ports;

    /// <summary>
    /// <see cref="AzuritePersistence.Disk"/> keeps data across <see cref="RestartAsync"/>. An init property, not a
    /// constructor parameter: xunit wants fixtures to have a single public constructor.
    /// </summary>
    public AzuritePersistence Persistence { get; init; } = AzuritePersistence.InMemory;

    /// <summary>
    /// Starts Azurite in a process group of its own (through setsid(1), where there is one), so that a Ctrl+C in the
    /// terminal, which signals the whole foreground group, does not stop it before the app that uses it has stopped:
    /// its owner stops it last. Off for tests: there a Ctrl+C should take Azurite down with the test host.
    /// </summary>
    public bool OwnProcessGroup { get; init; }

    public int BlobPort => Ports.Blob;

    public int QueuePort => Ports.Queue;

    public int TablePort => Ports.Table;

    public Uri BlobEndpoint => Endpoint(BlobPort);

    public Uri QueueEndpoint => Endpoint(QueuePort);

    public Uri TableEndpoint => Endpoint(TablePort);

    /// <summary>Explicit endpoints, so the SDKs never fall back to the default emulator ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public bool IsRunning => _process is { HasExited: false };

    private (int Blob, int Queue, int Table) Ports => _ports ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>
    /// A unique name valid both as a table name (letters and digits, starting with a letter) and as a queue name
    /// (lower case), short enough that "{name}-poison" is still a valid queue name.
    /// </summary>
    public static string NewName(string prefix = "t")
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || prefix.Length > 20)
        {
            throw new ArgumentException("The prefix must be 1-20 lower-case letters and digits, starting with a letter.", nameof(prefix));
        }

        return prefix + Guid.NewGuid().ToString("N")[..16];
    }

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            _ports = (FreePort(), FreePort(), FreePort());
            try
            {
                await StartAsync();
                return;
            }
            catch (AzuriteStartException) when (attempt < StartAttempts && _output.Text.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Another process took a port between our probe and Azurite's bind: try other ports.
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    /// <summary>Starts Azurite on the ports chosen by <see cref="InitializeAsync"/>; in-memory data from before a stop is gone, data on disk is back.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        var (blob, queue, table) = Ports;
        var executable = AzuriteExecutable();
        Directory.CreateDirectory(_workDirectory);
        _output.Clear();
        var setsid = OwnProcessGroup && !OperatingSystem.IsWindows() ? Setsid() : null;
        var start = new ProcessStartInfo(setsid ?? executable)
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            // The child .NET starts is no group leader, so setsid execs Azurite in place: the process id stays Azurite's.
            start.ArgumentList.Add(executable);
        }

        string[] persistence = Persistence == AzuritePersistence.Disk
            ? ["--location", Path.Combine(_workDirectory, "data")]
            : ["--inMemoryPersistence"];
        foreach (var argument in persistence.Concat(
        [
            "--skipApiVersionCheck", "--silent", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;

        try
        {
            await WaitUntilReadyAsync(process);
        }
        catch (AzuriteStartException)
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills Azurite (and anything it started) and waits for it to exit. Does nothing when it is not running. With
    /// <see cref="AzuritePersistence.Disk"/> it is first asked to stop (SIGTERM), because it saves its databases only
    /// every few seconds and on a clean shutdown: a kill would lose writes it had acknowledged.
    /// </summary>
    public async Task StopAsync()
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
            if (Persistence == AzuritePersistence.Disk && !OperatingSystem.IsWindows() && !process.HasExited)
            {
                await TerminateGracefullyAsync(process);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    /// <summary>Stops and starts Azurite on the same ports, as a storage outage would; in-memory data does not survive, data on disk does.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>SIGTERM through kill(1) (.NET can only send SIGKILL), then a bounded wait for Azurite to save and exit.</summary>
    private static async Task TerminateGracefullyAsync(Process process)
    {
        var signal = new ProcessStartInfo("kill") { UseShellExecute = false };
        signal.ArgumentList.Add("-TERM");
        signal.ArgumentList.Add(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(StopTimeout);
        using (var kill = Process.Start(signal) ?? throw new InvalidOperationException("kill(1) did not start."))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        // Falls through to a hard kill if Azurite does not exit in time.
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port}/{AccountName}");

    private static string AzuriteExecutable()
    {
        var root = RepositoryRoot.Find();
        var path = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Azurite is not installed ({path} is missing): run npm ci at the repo root ({root}).");
    }

    private static string? Setsid() => File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : File.Exists("/bin/setsid") ? "/bin/setsid" : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        foreach (var endpoint in new[] { QueueEndpoint, TableEndpoint })
        {
            while (!await AnswersAsync(http, endpoint))
            {
                if (process.HasExited)
                {
                    throw new AzuriteStartException($"Azurite exited with code {process.ExitCode} before {endpoint} answered. Output:\n{_output.Text}");
                }

                if (clock.Elapsed > StartTimeout)
                {
                    throw new AzuriteStartException($"Azurite did not answer at {endpoint} within {StartTimeout.TotalSeconds} s. Output:\n{_output.Text}");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Any HTTP answer (an unauthenticated request gets 403) means the service is listening.</summary>
    private static async Task<bool> AnswersAsync(HttpClient http, Uri endpoint)
    {
        try
        {
            using var response = await http.GetAsync(endpoint);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
