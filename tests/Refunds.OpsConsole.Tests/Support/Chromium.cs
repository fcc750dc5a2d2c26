using Microsoft.Playwright;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Playwright. Playwright's own browser download cannot be used here, so the
/// executable is the one tools/install-chromium.sh installs (test.sh runs it); REFUNDS_CHROMIUM names another.
/// </summary>
public static class Chromium
{
    private const string Setpriv = "/usr/bin/setpriv";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("REFUNDS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No browser at {ExecutablePath}: run tools/install-chromium.sh (./test.sh does).");
        }

        var wrapper = WithoutRaisedPriority();
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = wrapper ?? ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run",
                ],
            });
        }
        finally
        {
            // Chromium is running (or failed to) by now: the wrapper has exec'd or is no longer needed.
            if (wrapper is not null)
            {
                File.Delete(wrapper);
            }
        }
    }

    /// <summary>
    /// Run as root (CI, containers), chromium raises some of its threads' priority: under a test process at nice 5 (a
    /// test.sh slot), 116 of its threads ran at nice 0 and 43 at nice -8, ahead of the integration tests beside it.
    /// A script that starts it without the capability to do so (setpriv drops CAP_SYS_NICE) keeps all of them at the
    /// test's own priority. Null where there is nothing to drop or no setpriv.
    /// </summary>
    private static string? WithoutRaisedPriority()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists(Setpriv))
        {
            return null;
        }

        var script = Path.Combine(Path.GetTempPath(), $"refunds-chromium-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, $"#!/bin/sh\nexec {Setpriv} --inh-caps=-sys_nice --bounding-set=-sys_nice \"{ExecutablePath}\" \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
