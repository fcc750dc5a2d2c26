using Microsoft.Playwright;
using Refunds.TestSupport;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>
/// The README's picture of the console. Every run takes it (so a page that cannot render fails here) into the test
/// output folder; with REFUNDS_UPDATE_SCREENSHOT=1 it replaces docs/images/ops-console.png, so that a plain test run
/// leaves the working tree as it was.
/// </summary>
public static class Screenshot
{
    public const string RepositoryPath = "docs/images/ops-console.png";

    public static async Task SaveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var update = Environment.GetEnvironmentVariable("REFUNDS_UPDATE_SCREENSHOT") == "1";
        var path = update
            ? Path.Combine(RepositoryRoot.Find(), RepositoryPath)
            : Path.Combine(AppContext.BaseDirectory, "ops-console.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(bytes.Length > 10_000, $"The screenshot has only {bytes.Length} bytes.");
    }
}
