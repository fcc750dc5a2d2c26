using Microsoft.Playwright;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Playwright. Playwright's own browser download cannot be used here, so the
/// executable is the one tools/install-chromium.sh installs (test.sh runs it); REFUNDS_CHROMIUM names another.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("REFUNDS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No browser at {ExecutablePath}: run tools/install-chromium.sh (./test.sh does).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }
}
