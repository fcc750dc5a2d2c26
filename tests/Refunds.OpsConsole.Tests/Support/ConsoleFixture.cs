using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Refunds.IntegrationTests.Support;

namespace Refunds.OpsConsole.Tests.Support;

/// <summary>
/// One real app (with its Stripe and Intacct stand-ins) for a test class, on the Azurite and in the browser that every
/// fixture shares (<see cref="SharedBrowserAndStorage"/>). Each test opens its own browser context (a fresh page with
/// nothing signed in) and gives its refunds their own organization.
/// </summary>
public abstract class ConsoleFixture(string environment) : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The console's address on the local host.</summary>
    public Uri ConsoleUri => new(App.Http.BaseAddress!, "/ops/");

    public async Task InitializeAsync()
    {
        // The refund flows take a few seconds each on a loaded machine: every expectation polls up to this long.
        Assertions.SetDefaultExpectTimeout(30_000);

        // The development minter signs with a key of this run, which the app trusts beside the test keys.
        using var devKey = RSA.Create(2048);
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKeys:1"] = devKey.ExportSubjectPublicKeyInfoPem(),
            ["DevTokens:PrivateKeyPem"] = devKey.ExportPkcs8PrivateKeyPem(),

            // Balance re-checks far apart: a waiting refund moves only on a balance.available event or an action.
            ["Workflow:BalanceCheckInterval"] = "01:00:00",
        };
        var shared = await SharedBrowserAndStorage.AcquireAsync();
        Browser = shared.Browser;
        try
        {
            App = await TestApp.StartAsync(shared.Azurite, settings, builder => builder.Environment.EnvironmentName = environment);
        }
        catch
        {
            await SharedBrowserAndStorage.ReleaseAsync();
            throw;
        }
    }

    public async Task<ConsolePage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ConsoleUri.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1360, Height = 1000 },
        });
        return await ConsolePage.OpenAsync(context, ConsoleUri);
    }

    public async Task DisposeAsync()
    {
        // An app means a hold on the shared pair: a start that failed let go of it at once.
        if (App is not null)
        {
            await App.DisposeAsync();
            await SharedBrowserAndStorage.ReleaseAsync();
        }
    }
}

/// <summary>The local host as <c>./run-local.sh</c> runs it: Development, where the console can mint tokens.</summary>
public sealed class DevelopmentConsole() : ConsoleFixture(Environments.Development);

/// <summary>The local host in any other environment: the console offers no token minting.</summary>
public sealed class ProductionConsole() : ConsoleFixture(Environments.Production);
