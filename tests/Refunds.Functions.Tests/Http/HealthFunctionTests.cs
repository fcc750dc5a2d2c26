using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Http;

[Collection(FunctionsCollection.Name)]
public sealed class HealthFunctionTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task Run_NoTokenWithStorageUp_Healthy200NotCached()
    {
        var response = await Calls.HealthAsync(fixture);

        Assert.Equal(200, response.Status);
        Assert.Equal("Healthy", response.Json.GetProperty("status").GetString());
        Assert.Equal("Healthy", response.Json.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("no-store", response.Header("Cache-Control"));
    }
}
