using Microsoft.Playwright;
using Refunds.TestSupport;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>
/// One Azurite and one browser for every console fixture alive at once. Each fixture still starts its own app (its
/// own table, task hub and stand-ins) and each test its own browser context, so sharing these two isolates nothing
/// less; it saves the CPU of a node process, a Playwright driver and a chromium per fixture, which on a 2-core machine
/// running the other test projects beside this one is time taken from all of them. The last fixture to let go stops both.
/// </summary>
internal static class SharedBrowserAndStorage
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static int _holders;
    private static Resources? _resources;

    public static async Task<Resources> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _resources ??= await Resources.StartAsync();
            _holders++;
            return _resources;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_holders == 0 && _resources is { } resources)
            {
                _resources = null;
                await resources.DisposeAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    internal sealed class Resources : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;

        private Resources(AzuriteFixture azurite, IPlaywright playwright, IBrowser browser)
        {
            Azurite = azurite;
            _playwright = playwright;
            Browser = browser;
        }

        public AzuriteFixture Azurite { get; }

        public IBrowser Browser { get; }

        public static async Task<Resources> StartAsync()
        {
            var azurite = new AzuriteFixture();
            var startAzurite = azurite.InitializeAsync();
            IPlaywright? playwright = null;
            try
            {
                playwright = await Playwright.CreateAsync();
                var browser = await Chromium.LaunchAsync(playwright);
                await startAzurite;
                return new Resources(azurite, playwright, browser);
            }
            catch
            {
                playwright?.Dispose();

                // Azurite's start may still be under way: let it end, whatever its outcome, before stopping it.
                await Task.WhenAny(startAzurite);
                await azurite.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
            await Azurite.DisposeAsync();
        }
    }
}
