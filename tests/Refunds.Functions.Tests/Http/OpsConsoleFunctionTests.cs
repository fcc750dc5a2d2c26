using Refunds.Functions.OpsConsole;
using Refunds.Functions.Tests.Support;
using Refunds.Http.OpsConsole;

namespace Refunds.Functions.Tests.Http;

/// <summary>The console's files from the OpsConsole function answer as the local host answers the same path.</summary>
[Collection(FunctionsCollection.Name)]
public sealed class OpsConsoleFunctionTests(FunctionsFixture fixture)
{
    private static readonly string[] ComparedHeaders =
        ["Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cache-Control", "ETag", "Location"];

    [Theory]
    [InlineData("/api/console/", 200)]
    [InlineData("/api/console/app.js", 200)]
    [InlineData("/api/console/views/refund.js", 200)]
    [InlineData("/api/console/console.css", 200)]
    [InlineData("/api/console", 302)]
    [InlineData("/api/console/missing.js", 404)]
    public async Task Run_Path_AnswersAsTheLocalHostWithTheConsolePolicy(string path, int status)
    {
        var function = await InvokeAsync(new TestRequest("GET", path));
        using var localHost = await fixture.LocalHostAsync();

        // The redirect itself is compared, not the page it leads to.
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = localHost.BaseAddress };
        using var localAnswer = await noRedirects.GetAsync(path);
        var local = await TestResponse.FromAsync(localAnswer);

        Assert.Equal(status, function.Status);
        Assert.Equal(status, local.Status);
        Assert.Equal(ConsoleEndpoint.ContentSecurityPolicy, function.Header("Content-Security-Policy"));
        foreach (var header in ComparedHeaders)
        {
            Assert.Equal(local.Header(header), function.Header(header));
        }

        if (status == 200)
        {
            Assert.Equal(local.Body, function.Body);
        }
    }

    [Fact]
    public async Task Run_EveryEmbeddedFile_ServedWithItsMediaTypeAndBytes()
    {
        Assert.Contains("views/refund.js", ConsoleAssets.Paths);
        foreach (var path in ConsoleAssets.Paths)
        {
            var asset = ConsoleAssets.Find(path)!;
            var response = await InvokeAsync(new TestRequest("GET", "/api/console/" + path));

            Assert.Equal(200, response.Status);
            Assert.Equal(asset.ContentType, response.Header("Content-Type"));
            Assert.Equal(System.Text.Encoding.UTF8.GetString(asset.Content.Span), response.Body);
        }
    }

    [Fact]
    public async Task Run_IfNoneMatchCurrentETag_304WithoutBody()
    {
        var first = await InvokeAsync(new TestRequest("GET", "/api/console/app.js"));

        var again = await InvokeAsync(new TestRequest("GET", "/api/console/app.js") { Headers = { ["If-None-Match"] = first.Header("ETag")! } });

        Assert.Equal(304, again.Status);
        Assert.Equal("", again.Body);
    }

    [Fact]
    public async Task Run_Root_IndexHtmlLoadsOnlyItsOwnScriptAndStyle()
    {
        var index = await InvokeAsync(new TestRequest("GET", "/api/console/"));

        Assert.Equal("text/html; charset=utf-8", index.Header("Content-Type"));
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", index.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", index.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("://", index.Body, StringComparison.Ordinal);
    }

    private Task<TestResponse> InvokeAsync(TestRequest request)
    {
        var path = request.Path["/api/console".Length..].TrimStart('/');
        return FunctionHttp.InvokeAsync(
            fixture.Worker,
            typeof(OpsConsoleFunction).GetMethod(nameof(OpsConsoleFunction.Run))!,
            request,
            (http, _) => Task.FromResult(OpsConsoleFunction.Run(http, path.Length == 0 ? null : path)));
    }
}
