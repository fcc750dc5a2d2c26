using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Refunds.IntegrationTests.Support;
using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Operations;

/// <summary>The interactive API reference at /api/reference: served by the app itself, nothing from another host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ApiReferenceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ApiReference_NoToken_PageAndItsAssetsComeFromTheAppOnly()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var page = await app.SendAsync(HttpMethod.Get, "/api/reference", token: null);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var pageUri = page.RequestMessage!.RequestUri!;
        Assert.Equal("/api/reference/index.html", pageUri.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(AnyUrlWithHost(), html);
        var assets = Reference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var uri = new Uri(pageUri, asset);
            Assert.Equal(pageUri.Authority, uri.Authority);
            using var response = await app.Http.GetAsync(uri);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task ApiReference_Configuration_ShowsTheAppsOwnDocumentAndSendsItNowhere()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var script = await app.Http.GetStringAsync("/api/reference/index.js");

        // The configuration the page runs with, as the package writes it into its script.
        using var config = JsonDocument.Parse(ConfigObject().Match(script).Groups["json"].Value);
        var url = Assert.Single(config.RootElement.GetProperty("urls").EnumerateArray()).GetProperty("url").GetString();
        Assert.Equal("/api/openapi/v1.json", url);
        Assert.True(
            !config.RootElement.TryGetProperty("validatorUrl", out var validator) || validator.ValueKind == JsonValueKind.Null,
            $"validatorUrl: {validator}");
        Assert.DoesNotMatch(AnyUrlWithHost(), config.RootElement.GetRawText());
        using var document = await app.SendAsync(HttpMethod.Get, url!, token: null);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    /// <summary>An absolute or protocol-relative URL: anything that names a host.</summary>
    [GeneratedRegex(@"(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^\s""'<>]+")]
    private static partial Regex AnyUrlWithHost();

    [GeneratedRegex(@"\b(?:src|href)\s*=\s*[""'](?<url>[^""']+)[""']")]
    private static partial Regex Reference();

    [GeneratedRegex(@"var configObject = (?<json>\{.*?\});\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigObject();
}
