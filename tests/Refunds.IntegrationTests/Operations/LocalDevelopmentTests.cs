using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Refunds.IntacctStandIn;
using Refunds.IntegrationTests.Support;
using Refunds.StripeStandIn;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

/// <summary>The development token command and local.settings.sample.json, as README and docs/OPERATIONS.md use them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class LocalDevelopmentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MintToken_BuiltApp_WritesOnlyTheTokenToStdout()
    {
        var (exitCode, stdout, stderr) = await MintTokenAsync("--org", "org_mint", "--roles", "Admin", "--minutes", "5");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Matches(SingleJwtLine(), stdout);
    }

    [Fact]
    public async Task MintToken_NoDevelopmentKey_ExplainsOnStderrAndPrintsNothing()
    {
        var (exitCode, stdout, stderr) = await MintTokenAsync(
            new Dictionary<string, string?> { ["DevTokens__PrivateKeyPem"] = " " },
            "--org", "org_mint");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("DevTokens:PrivateKeyPem", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSettingsSample_TokenFromMintToken_AppStartsAndAcceptsIt()
    {
        var sample = SampleValues();

        // The sample's own values, except where the test's Azurite and stand-ins listen.
        sample.Remove("Storage:ConnectionString");
        sample.Remove("Stripe:ApiBase");
        sample.Remove("Stripe:WebhookSecrets:0");
        sample.Remove("Intacct:Endpoint");
        await using var app = await TestApp.StartAsync(azurite, sample);
        var (_, token, _) = await MintTokenAsync("--org", "org_sample", "--roles", "Admin");

        using var response = await app.SendAsync(HttpMethod.Get, "/api/organizations/org_sample/refunds/rf_none", token.Trim());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void LocalSettingsSample_StripeAndIntacct_PointAtTheStandIns()
    {
        var sample = SampleValues();
        var intacct = new IntacctStandInOptions();

        Assert.Equal(new StripeStandInOptions().ApiKey, sample["Stripe:ApiKey"]);
        Assert.Equal("127.0.0.1", new Uri(sample["Stripe:ApiBase"]!).Host);
        Assert.Equal("127.0.0.1", new Uri(sample["Intacct:Endpoint"]!).Host);
        Assert.Equal(IntacctStandIn.IntacctStandIn.GatewayPath, new Uri(sample["Intacct:Endpoint"]!).AbsolutePath);
        Assert.Equal(intacct.SenderId, sample["Intacct:SenderId"]);
        Assert.Equal(intacct.SenderPassword, sample["Intacct:SenderPassword"]);
        Assert.Equal(intacct.CompanyId, sample["Intacct:CompanyId"]);
        Assert.Equal(intacct.UserId, sample["Intacct:UserId"]);
        Assert.Equal(intacct.UserPassword, sample["Intacct:UserPassword"]);
        Assert.False(sample.ContainsKey("Auth:MetadataAddress"));
    }

    [Fact]
    public void LocalSettingsSample_Values_AreOnlyDocumentedSettings()
    {
        // Core Tools turns every entry under Values into an environment variable of the app: a note there would be one.
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json")));
        var operations = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "OPERATIONS.md"));

        foreach (var value in sample.RootElement.GetProperty("Values").EnumerateObject())
        {
            Assert.False(value.Name.StartsWith('_'), $"'{value.Name}' is a note, not a setting");
            Assert.Equal(JsonValueKind.String, value.Value.ValueKind);
            Assert.Contains($"`{value.Name}`", operations, StringComparison.Ordinal);
        }
    }

    /// <summary>The sample's <c>Values</c> as configuration keys (<c>__</c> becomes <c>:</c>).</summary>
    private static Dictionary<string, string?> SampleValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> MintTokenAsync(params string[] args) =>
        MintTokenAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs <c>dotnet Refunds.Api.dll mint-token ...</c>, the build copied next to this assembly, as mint-token.sh does.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> MintTokenAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Refunds.Api.dll");
        var start = new ProcessStartInfo(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("mint-token");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\r?\n\z")]
    private static partial Regex SingleJwtLine();
}
